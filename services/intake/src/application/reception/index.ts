export { ReceptionModule, type ReceptionModuleOptions } from './reception.module';
export { receptionRelayMapper } from './reception.relay';
export { ReceptionSessionsService, RECEPTION_CLOCK, type Clock } from './reception-sessions.service';
export type { ReceptionSessionView, ReceptionSessionPage, VisitView } from './reception-session.views';
export { RECEPTION_STREAM_PREFIX } from '../../infrastructure/reception/reception-session.streams';
