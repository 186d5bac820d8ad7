export * from './time-limits.policy';
export * from './deadlines';
