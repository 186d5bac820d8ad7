export * from './random';
export * from './vietnamese-data';
export * from './matter-templates';
export * from './generator';
export * from './reception-sessions';
export * from './feeders';
export * from './progress-bar';
export * from './timeline-feeder';
