// HTTP routes of the public API, declared with a small @Route decorator.

import type { BookingService } from '../bookings/bookingService';
import type { SearchService } from '../search/searchService';
import type { TalentRepository } from '../talent/talentRepository';

export interface ApiRequest {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

type Handler = (req: ApiRequest) => Promise<ApiResponse>;

export interface RouteEntry {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: string;
}

export const ROUTES: RouteEntry[] = [];

/** Registers the decorated method as the handler of `method path`. */
export function Route(method: RouteEntry['method'], path: string) {
  return function (_target: Handler, context: ClassMethodDecoratorContext) {
    ROUTES.push({ method, path, handler: String(context.name) });
  };
}

export class TalentController {
  constructor(
    private readonly search: SearchService,
    private readonly talent: TalentRepository,
    private readonly bookings: BookingService,
  ) {}

  // @intent problem:availability-search -- the endpoint behind the director's search page
  @Route('GET', '/talent/search')
  async searchTalent(req: ApiRequest): Promise<ApiResponse> {
    const from = new Date(req.query.get('from') ?? '');
    const to = new Date(req.query.get('to') ?? '');
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      return { status: 400, body: { error: 'from and to must be ISO dates' } };
    }
    const skills = req.query.getAll('skill');
    return { status: 200, body: await this.search.search({ skills, shootDates: { from, to } }) };
  }

  @Route('GET', '/talent/:id')
  async getTalent(req: ApiRequest): Promise<ApiResponse> {
    const profile = await this.talent.findById(req.params.id);
    return profile ? { status: 200, body: profile } : { status: 404, body: { error: 'not found' } };
  }

  @Route('POST', '/bookings')
  async createBooking(req: ApiRequest): Promise<ApiResponse> {
    const { talentId, productionId, day } = req.body as Record<string, string>;
    return { status: 201, body: { id: await this.bookings.request({ talentId, productionId, day }) } };
  }
}
