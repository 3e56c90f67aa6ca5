/** What each model does, in one plain sentence, shown beside its checkbox. */
export const MODEL_INFO: Record<string, { label: string; explain: string }> = {
  last_touch: { label: 'Last touch', explain: 'All credit to the last interaction before the conversion.' },
  first_touch: { label: 'First touch', explain: 'All credit to the interaction that opened the journey.' },
  linear: { label: 'Linear', explain: 'Every interaction on the path gets an equal share.' },
  position_based: { label: 'Position-based', explain: 'Fixed shares to the first and last interactions; the middle ones split the rest.' },
  time_decay: { label: 'Time decay', explain: 'Interactions closer to the conversion get more credit; credit halves every half-life.' },
  last_non_direct: { label: 'Last non-direct', explain: 'All credit to the last interaction that was not a direct visit.' },
  markov: {
    label: 'Markov (data-driven)',
    explain: 'Credits each channel by how many conversions would be lost if it were removed from every journey, converting or not.',
  },
  shapley: {
    label: 'Shapley (data-driven)',
    explain: "Shares each conversion fairly among the distinct channels of its journey, as in cooperative game theory's Shapley value.",
  },
};

export const MODEL_ORDER = ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'last_non_direct', 'markov', 'shapley'] as const;
export type ModelKind = (typeof MODEL_ORDER)[number];
