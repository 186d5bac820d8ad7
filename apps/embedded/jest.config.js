// End-to-end tests of the two run modes; they start the compiled entry points (`npm run build`).
module.exports = require('../../jest.preset.js')('apps/embedded', { kafka: true });
