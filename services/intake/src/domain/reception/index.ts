export * from './reception-date';
export * from './reception-session.errors';
export * from './reception.rules';
export * from './reception-session.events';
export * from './reception-session.commands';
export * from './reception-session.state';
export * from './reception-session.decide';
export * from './chairman-reception.compliance';
