// One-line explanations of the SemEval-2023 Task 3 persuasion techniques, shown
// beside highlighted sentences. Hand-written for spinsift (paraphrasing the
// task's definitions); no command regenerates this file.
export const EXPLAIN = {
  "Name_Calling-Labeling": "Labels the target with a loaded word instead of an argument (\"traitors\", \"radicals\").",
  "Guilt_by_Association": "Attacks the target by linking it to a person or group the audience despises.",
  "Doubt": "Questions the target's credibility or character without evidence.",
  "Appeal_to_Hypocrisy": "Attacks the target for inconsistency (\"you did it too\") rather than the point made.",
  "Questioning_the_Reputation": "Undermines the target's standing with claims about their past or character.",
  "Flag_Waving": "Justifies a position by appeal to a group's pride or identity (the nation, \"real people\").",
  "Appeal_to_Authority": "Treats a claim as true because an authority, expert or official says so.",
  "Appeal_to_Popularity": "Treats a claim as true because many people supposedly believe or do it.",
  "Appeal_to_Values": "Invokes values (freedom, tradition, justice) as if they settled the question.",
  "Appeal_to_Fear-Prejudice": "Builds support by stoking fear of an alternative or prejudice against a group.",
  "Causal_Oversimplification": "Gives a single cause for something with many.",
  "False_Dilemma-No_Choice": "Presents two options as the only ones, or one as inevitable.",
  "Consequential_Oversimplification": "Claims one step will set off a chain of (usually bad) consequences — the slippery slope.",
  "Straw_Man": "Replaces the opponent's position with a weaker one that is easier to attack.",
  "Red_Herring": "Diverts attention to an irrelevant topic.",
  "Whataboutism": "Deflects criticism by pointing at someone else's wrongdoing.",
  "Slogans": "A short, striking phrase that replaces an argument.",
  "Conversation_Killer": "A phrase that discourages further thought or debate (\"end of story\").",
  "Appeal_to_Time": "Argues that now is the moment to act, without saying why.",
  "Loaded_Language": "Words with strong emotional charge, used to sway rather than describe.",
  "Obfuscation-Vagueness-Confusion": "Deliberately unclear wording that lets the audience read in what it likes.",
  "Exaggeration-Minimisation": "Makes something seem bigger, better or worse — or smaller — than it is.",
  "Repetition": "Repeats the same message so that it sticks.",
};
