// The core journeys (journeys.ts) in chromium.
import { defineJourneys } from './journeys.ts';

defineJourneys('chromium');
