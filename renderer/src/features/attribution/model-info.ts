/**
 * What each model does: one plain sentence shown beside its checkbox, and a longer description
 * for the "How the models work" popover (data-driven models especially).
 */
export const MODEL_INFO: Record<string, { label: string; explain: string; details: string }> = {
  last_touch: {
    label: 'Last touch',
    explain: 'All credit to the last interaction before the conversion.',
    details: 'The interaction right before the purchase takes the whole conversion and its revenue. Favours channels that close, such as search and direct.',
  },
  first_touch: {
    label: 'First touch',
    explain: 'All credit to the interaction that opened the journey.',
    details: 'The first interaction inside the lookback window takes everything. Favours channels that introduce people to the brand.',
  },
  linear: {
    label: 'Linear',
    explain: 'Every interaction on the path gets an equal share.',
    details: 'A path of four interactions gives each a quarter of the conversion, whatever its position or channel.',
  },
  position_based: {
    label: 'Position-based',
    explain: 'Fixed shares to the first and last interactions; the middle ones split the rest.',
    details:
      'Also called U-shaped: by default 40% to the first and 40% to the last interaction, the middle ones share the other 20%. Adjust both shares with the sliders.',
  },
  time_decay: {
    label: 'Time decay',
    explain: 'Interactions closer to the conversion get more credit; credit halves every half-life.',
    details: 'An interaction one half-life before the conversion counts half as much as one at the moment of conversion, two half-lives a quarter, and so on.',
  },
  last_non_direct: {
    label: 'Last non-direct',
    explain: 'All credit to the last interaction that was not a direct visit.',
    details:
      'Like last touch, but a direct visit (typing the address) is skipped in favour of the channel that brought the person before it. A path of only direct visits stays with direct.',
  },
  markov: {
    label: 'Markov (data-driven)',
    explain: 'Credits each channel by how many conversions would be lost if it were removed from every journey, converting or not.',
    details:
      'Learns from every journey how people move from channel to channel and how often they convert. For each channel it asks: if this channel disappeared, how many fewer conversions would there be (its removal effect)? Conversions are then shared in proportion to those effects. Order 1 looks at the last channel only; orders 2 and 3 remember the last two or three channels, which needs more data.',
  },
  shapley: {
    label: 'Shapley (data-driven)',
    explain: "Shares each conversion fairly among the distinct channels of its journey, as in cooperative game theory's Shapley value.",
    details:
      'Treats the channels of a journey as a team and gives each its fair share of the result: each conversion is split equally among the different channels on its path, however often each appears.',
  },
};

/** Shown with the Markov description: journeys that did not convert are read without a lookback. */
export const MARKOV_LOOKBACK_NOTE =
  "Markov also learns from journeys that did not convert: a customer's interactions after their last conversion (all of them if they never converted). Those journeys are not limited by the lookback window, so changing the lookback changes only the converting journeys.";

export const MODEL_ORDER = ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'last_non_direct', 'markov', 'shapley'] as const;
export type ModelKind = (typeof MODEL_ORDER)[number];
