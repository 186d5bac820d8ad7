module.exports = require('../../jest.preset.js')('services/reporting');
