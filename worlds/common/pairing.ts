import { z } from 'zod';
import { DEFAULT_PAIRING, PAIRINGS, type Pairing } from '../../src/measures/misalignment.ts';

/** The `pairing` parameter of the misalignment worlds: how the two agents are drawn (SCIENCE.md §1.2). */
export const pairingParam = z
  .enum(PAIRINGS as readonly Pairing[] as [Pairing, ...Pairing[]])
  .default(DEFAULT_PAIRING)
  .describe('how the two agents of a misalignment pair are drawn (SCIENCE.md §1.2)');
