export * from './vn-calendar.seed';
export * from './vn-holidays.generator';
