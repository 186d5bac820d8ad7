module.exports = require('../../jest.preset.js')('services/intake', { kafka: true });
