import { PARTICIPANT_GROUPS, type Participant, type Workshop } from '../domain/workshops.js';
import type { XUser } from '../sources/x/x.types.js';
import { seededRandom } from './seeded-random.js';
import { DEMO_CITIES, FIRST_NAMES, LAST_NAMES } from './x-demo-vocab.js';

/**
 * The demo campaign's six workshops, one a day in the programme's cities a week into the campaign,
 * and their participants: about two thirds of the demo authors who live in the city, registered
 * with their X handle (so the activation figures are real numbers), and people who registered an
 * Instagram account only, or none, and so are never active (the demo collects X only).
 */

/** Each demo city's kota/kabupaten code and UTC offset, in the order of the vocabulary's DEMO_CITIES. */
const CITY_CODES = ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'];
const OFFSETS = ['+07:00', '+08:00', '+07:00', '+08:00', '+08:00', '+09:00'];
const VENUES = [
  'Universitas Jambi',
  'Universitas Hasanuddin',
  'Universitas Bangka Belitung',
  'Universitas Mulawarman',
  'Universitas Nusa Cendana',
  'Universitas Khairun',
];
/** The first workshop's day: a week after the campaign's start, so a 7-day window before lies inside it. */
const FIRST_DAY = Date.UTC(2015, 0, 20);

export function demoWorkshops(campaignId: string, users: readonly XUser[], createdAt: string): { workshops: Workshop[]; participants: Participant[] } {
  const rng = seededRandom(1801);
  const workshops: Workshop[] = [];
  const participants: Participant[] = [];
  DEMO_CITIES.forEach((city, i) => {
    const day = new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10);
    const w: Workshop = {
      id: `demo-ws-${city.tag.toLowerCase()}`,
      campaignId,
      name: `Workshop ${city.place.name}`,
      city: CITY_CODES[i]!,
      startsAt: `${day}T09:00:00${OFFSETS[i]}`,
      endsAt: `${day}T16:00:00${OFFSETS[i]}`,
      venue: VENUES[i]!,
      capacity: 100,
      createdAt,
      updatedAt: createdAt,
    };
    workshops.push(w);
    const people: Array<Pick<Participant, 'name' | 'accounts'>> = [];
    for (const u of users.filter((x) => x.location !== undefined && city.profiles.includes(x.location))) {
      if (rng.chance(0.66)) people.push({ name: u.name, accounts: [{ platform: 'x', handle: u.username }] });
    }
    const others = 18 + rng.int(0, 12);
    for (let k = 0; k < others; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const accounts: Participant['accounts'] = rng.chance(0.6) ? [{ platform: 'instagram', handle: `${first}.${last}${k}`.toLowerCase() }] : [];
      people.push({ name: `${first} ${last}`, accounts });
    }
    people.forEach((p, k) =>
      participants.push({
        id: `${w.id}-${String(k).padStart(3, '0')}`,
        campaignId,
        workshopId: w.id,
        name: p.name,
        group: PARTICIPANT_GROUPS[rng.int(0, PARTICIPANT_GROUPS.length - 1)]!,
        accounts: p.accounts,
        consent: true,
        addedAt: createdAt,
      }),
    );
  });
  return { workshops, participants };
}
