export * from './migrate-under-lock';
export * from '../auth/sql-identifier';
