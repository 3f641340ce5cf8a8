"""Knowledge as data: the actor dictionary, PLOVER lexicon, cue words and time words, each with its loader."""
