// Entry point: wires the database pool, the services and the HTTP server together.
import { createPool } from './db/pool';
import { createServer } from './http/server';
import { TalentController } from './http/routes';
import { SearchService } from './search/searchService';
import { TalentRepository } from './talent/talentRepository';
import { BookingService } from './bookings/bookingService';
import { Notifier } from './notifications/notifier';
import { logger } from './utils/logger';

async function main(): Promise<void> {
  const pool = createPool(process.env.DATABASE_URL ?? 'postgres://localhost/casting_hub');
  const talent = new TalentRepository(pool);
  const notifier = new Notifier();
  const controller = new TalentController(
    new SearchService(pool),
    talent,
    new BookingService(pool, notifier),
  );
  const port = Number(process.env.PORT ?? 8080);
  createServer(controller).listen(port, () => logger.info('listening', { port }));
}

main().catch((err) => {
  logger.error('startup failed', { error: String(err) });
  process.exit(1);
});
