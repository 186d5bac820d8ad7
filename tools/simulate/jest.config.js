module.exports = require('../../jest.preset.js')('tools/simulate');
