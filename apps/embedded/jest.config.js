module.exports = require('../../jest.preset.js')('apps/embedded');
