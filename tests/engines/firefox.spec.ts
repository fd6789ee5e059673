// The core journeys (journeys.ts) in firefox.
import { defineJourneys } from './journeys.ts';

defineJourneys('firefox');
