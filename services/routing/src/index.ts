export { routingService } from './routing.service';
