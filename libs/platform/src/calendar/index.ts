export * from './domain';
export * from './seed';
export * from './calendar.repository';
export * from './calendar.service';
export * from './calendar.dto';
export * from './calendar.http.controller';
export * from './calendar.module';
