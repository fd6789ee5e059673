// The core journeys (journeys.ts) in webkit.
import { defineJourneys } from './journeys.ts';

defineJourneys('webkit');
