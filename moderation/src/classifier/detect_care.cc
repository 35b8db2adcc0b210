#include <algorithm>
#include <cstdint>
#include <vector>

#include "classifier/detectors.h"

// Safeguarding (a child may be at risk) and defamation (an unproven allegation about staff).
namespace schoolmod::moderation::classifier {
namespace {

// A brother or sister: "my baby brother" is a child's word, not a parent's.
bool IsSibling(const Analysis& a, std::size_t i) {
  const std::string_view w = a.word(i);
  return w == "sister" || w == "brother" || w == "sisters" || w == "brothers" ||
         w == "siblings" || w == "little" || w == "baby" || w == "friend" || w == "cousin";
}

// "my", "our", and the same word in languages parents here write in: Polish and Slovak "moj",
// Lithuanian "mano", Portuguese "meu", Nepali "mero", Urdu "meri", Gujarati "maro".
bool IsMy(const Analysis& a, std::size_t i) {
  const std::string_view w = a.word(i);
  return w == "my" || w == "our" || w == "moj" || w == "moja" || w == "moje" || w == "mano" ||
         w == "meu" || w == "minha" || w == "mero" || w == "meri" || w == "mera" || w == "maro" ||
         w == "mari";
}

// "my son", "our disabled son", "my eldest daughter": the writer's own child named by the words
// after "my" or "our" at `i`, with up to two words describing them in between. Not "my little
// brother", "my friend's son" or "my class of children".
bool OwnChildAfter(const Analysis& a, std::size_t i) {
  const std::uint32_t sentence = a.tok(i).sentence;
  for (std::size_t k = i + 1; k < a.size() && k <= i + 3; ++k) {
    if (a.tok(k).sentence != sentence || IsSibling(a, k)) return false;
    if (a.is(k, WordClass::kChild)) return true;
    // "my Year 7 lad": the child's year before the child.
    if (a.is(k, WordClass::kClassWord) && k + 2 < a.size() && (a.tok(k + 1).flags & kNumber) &&
        a.is(k + 2, WordClass::kChild) && a.tok(k + 2).sentence == sentence) {
      return true;
    }
    if (a.is(k, WordClass::kFamilyAdult) || a.is(k, WordClass::kClassWord) ||
        (a.tok(k).flags & kPossessive) || a.is_word(k, "of") || a.is_word(k, "and") ||
        a.is_word(k, "with") || a.is_word(k, "to")) {
      return false;
    }
  }
  return false;
}

// Written by a parent about their child: "my son", "our daughter", "my anxious 8 yr old".
bool ParentSpeaker(const Analysis& a) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (!IsMy(a, i)) continue;
    if (OwnChildAfter(a, i)) return true;
    for (std::size_t k = i + 1; k + 2 < a.size() && k <= i + 3; ++k) {
      if (IsNumberToken(a, k, 1, 18) && (a.is_word(k + 1, "year") || a.is_word(k + 1, "yr")) &&
          a.is_word(k + 2, "old")) {
        return true;
      }
    }
  }
  return false;
}

// A name with a child's age set off by commas, as appeals for a missing child give it: "Kasim
// Latif, 15, autistic", "our Devon, 13, left the house".
bool NameWithChildAge(const Analysis& a) {
  for (std::size_t i = 1; i + 1 < a.size(); ++i) {
    if ((a.tok(i - 1).flags & kCapitalised) && (a.tok(i - 1).flags & kPauseAfter) &&
        (a.tok(i).flags & kPauseAfter) && IsNumberToken(a, i, 2, 17)) {
      return true;
    }
  }
  return false;
}

// The writer gives their age as a child's, now: "I'm 13", "I am in Year 8".
bool SaysSchoolAge(const Analysis& a) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    // "makes us year 7s carry stuff", "we year 9 girls": the writer among their year group.
    if ((a.is_word(i, "us") || a.is_word(i, "we")) && a.is_word(i + 1, "year") &&
        i + 2 < a.size() && (a.tok(i + 2).flags & kHasDigit) &&
        (a.word(i + 2).ends_with('s') || a.is(i + 3, WordClass::kChild))) {
      return true;
    }
    const bool i_am = a.is_word(i, "i'm") || a.is_word(i, "im") ||
                      (a.is_word(i, "i") && a.is_word(i + 1, "am"));
    if (!i_am) continue;
    const std::size_t next = a.is_word(i, "i") ? i + 2 : i + 1;
    if (IsNumberToken(a, next, 5, 17)) return true;
    if (a.is_word(next, "in") && a.is(next + 1, WordClass::kClassWord)) return true;
  }
  return false;
}

// What the writer tells happened years ago, to them or to others, and no child is named or
// says they are a child now: the DSL reads it for who may still be at risk ("he's still
// there"), but it exposes no child today.
bool Historical(const Analysis& a) {
  return a.weight(Signal::kPastEvent) > 0 && !a.named_child && !a.child_with_class &&
         !SaysSchoolAge(a);
}

// Written by a child about their own life: "my mum", "my stepdad", "I'm 13", "I'm in Year 8",
// and not by a parent about theirs ("my son", "my daughter").
bool ChildSpeaker(const Analysis& a) {
  bool child = a.weight(Signal::kChildSpeaker) > 0;
  bool parent = false;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (!IsMy(a, i)) continue;
    // "my dads every weekend": "dad's" with its apostrophe dropped, as children write it.
    if (a.is(i + 1, WordClass::kFamilyAdult) || a.is_word(i + 1, "dads") ||
        a.is_word(i + 1, "mums") || a.is_word(i + 1, "mams")) {
      child = true;
    }
    if (OwnChildAfter(a, i)) parent = true;
  }
  child = child || SaysSchoolAge(a);
  // "there's never any tea because mum spends...": the writer's own home.
  bool first_person = false, family = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    first_person = first_person || a.is(i, WordClass::kFirstSingular);
    // "dad spends the money on drink" is the writer's dad; "his dad" someone else's.
    const bool someone_elses = i > 0 && (a.is_word(i - 1, "his") || a.is_word(i - 1, "her") ||
                                         a.is_word(i - 1, "their") || a.is_word(i - 1, "your") ||
                                         a.is_word(i - 1, "a") || a.is_word(i - 1, "the"));
    family = family || (a.is(i, WordClass::kFamilyAdult) && !someone_elses);
  }
  child = child || (first_person && family);
  return child && !parent;
}

// The summed weight of `signal`'s cues for which `counts(hit)` holds.
template <typename Counts>
int WeightOfCues(const Analysis& a, Signal signal, Counts counts) {
  if (a.weight(signal) == 0) return 0;
  int weight = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal == signal && counts(hit)) weight += hit.weight;
  }
  return weight;
}

// The weight of `signal`'s cues that describe what a work is about ("her drama piece about a
// girl who self-harms", "a novel about a boy whose dad hits him", "the scene where he gets
// stabbed") rather than anyone's life: cues after "<work> about" or "<scene> where" in the same
// sentence.
int Depicted(const Analysis& a, Signal signal) {
  if (!a.any(WordClass::kFiction) || a.weight(signal) == 0) return 0;
  // "where" follows only a work that tells a story: "the assembly where he was pushed" happened.
  auto scene = [&](std::size_t i) {
    const std::string_view w = a.word(i);
    return w == "scene" || w == "film" || w == "movie" || w == "play" || w == "story" ||
           w == "novel" || w == "book" || w == "episode" || w == "drama";
  };
  // Where each sentence first says "<work> about" (one pass, so a long comment stays linear).
  std::vector<std::uint32_t> about(a.norm.sentences.size(), UINT32_MAX);
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (!a.is(i, WordClass::kFiction)) continue;
    if (!a.is_word(i + 1, "about") && !(a.is_word(i + 1, "where") && scene(i))) continue;
    std::uint32_t& first = about[a.tok(i).sentence];
    first = std::min(first, static_cast<std::uint32_t>(i));
  }
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    const std::uint32_t work = about[a.tok(hit.first_token).sentence];
    return work != UINT32_MAX && work + 1 < hit.first_token;
  });
}

// The weight of `signal`'s cues whose subject is a thing: "the online form has beaten her
// twice", "the app keeps kicking him out", "it hit me". The subject is the word before the verb
// and its auxiliaries.
int ThingDid(const Analysis& a, Signal signal) {
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    const Sentence& s = a.sentence_of(hit.first_token);
    std::size_t k = hit.first_token;
    while (k > s.first && hit.first_token - k < 3 &&
           (a.is_word(k - 1, "has") || a.is_word(k - 1, "have") || a.is_word(k - 1, "had") ||
            a.is_word(k - 1, "keeps") || a.is_word(k - 1, "kept") || a.is_word(k - 1, "just") ||
            a.is_word(k - 1, "already") || a.is_word(k - 1, "always"))) {
      --k;
    }
    if (k == s.first) return false;
    const std::string_view w = a.word(k - 1);
    return w == "one" || w == "form" || w == "forms" || w == "app" || w == "website" ||
           w == "system" || w == "page" || w == "portal" || w == "computer" || w == "laptop" ||
           w == "printer" || w == "machine" || w == "it" || w == "thing";
  });
}

// The weight of `signal`'s cues that end a compound adjective: "a hard-hitting play", "a
// hard hitting talk" describe a piece of work, not a blow.
int Compounded(const Analysis& a, Signal signal) {
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    if (hit.first_token == 0) return false;
    const std::size_t before = hit.first_token - 1;
    return (a.tok(before).flags & kHyphenAfter) || a.is_word(before, "hard");
  });
}

// The weight of `signal`'s cues the writer says they will not do: "I'm not dragging her in with a
// temperature", "I'm not smacking him for it". A parent's refusal, not harm done.
int Refused(const Analysis& a, Signal signal) {
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    const std::size_t k = hit.first_token;
    if (k < 2 || !a.is_word(k - 1, "not")) return false;
    return a.is_word(k - 2, "i'm") || a.is_word(k - 2, "im") || a.is_word(k - 2, "am") ||
           a.is_word(k - 2, "i'll") || a.is_word(k - 2, "will");
  });
}

// The weight of `signal`'s cues followed by "out": "pushed out of her last school", "kicked out
// of the team", "knocked out of the cup" move someone out of a place or a post; they strike
// nobody.
int PutOut(const Analysis& a, Signal signal) {
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    return hit.first_token == hit.last_token && a.is_word(hit.last_token + 1, "out");
  });
}

// The weight of `signal`'s cues that are a burn from the sun: "came home with burnt shoulders"
// in a comment about sun cream, hats or shade is a complaint about care on a hot day, not an
// injury someone gave.
int Sunburnt(const Analysis& a, Signal signal) {
  if (a.weight(signal) == 0) return 0;
  bool sun = false;
  for (std::size_t i = 0; i < a.size() && !sun; ++i) {
    const std::string_view w = a.word(i);
    sun = w == "suncream" || w == "sunscreen" || w == "sunblock" || w == "sunburn" ||
          w == "sunburnt" || w == "sunburned" || w == "heatwave" || w == "shade" ||
          w == "sunhat" || w == "sunhats" || (w == "sun" && (a.is_word(i + 1, "cream") ||
                                                             a.is_word(i + 1, "hat") ||
                                                             a.is_word(i + 1, "hats")));
  }
  if (!sun) return 0;
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    const std::string_view w = a.word(hit.first_token);
    return hit.first_token == hit.last_token &&
           (w == "burnt" || w == "burned" || w == "burn" || w == "burns");
  });
}

// The weight of `signal`'s cues of a cold or dark building ("no heating since half term") said
// of a room at school ("the study room has had no heating"), with no word of a home: a
// complaint about the school's buildings, not a child's home.
int SchoolBuilding(const Analysis& a, Signal signal) {
  if (a.weight(signal) == 0) return 0;
  bool home = false;
  for (std::size_t i = 0; i < a.size() && !home; ++i) {
    const std::string_view w = a.word(i);
    home = w == "home" || w == "house" || w == "flat" || w == "caravan" || w == "ours";
  }
  if (home) return 0;
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    bool cold = false;
    for (std::size_t i = hit.first_token; i <= hit.last_token; ++i) {
      cold = cold || a.is_word(i, "heating") || a.is_word(i, "electricity") ||
             a.is_word(i, "electric");
    }
    if (!cold) return false;
    // The room within a dozen words of the cue, in its sentence: each cue looks a bounded way.
    const Sentence& s = a.sentence_of(hit.first_token);
    const std::size_t from =
        std::max<std::size_t>(s.first, hit.first_token >= 12 ? hit.first_token - 12 : 0);
    const std::size_t to = std::min<std::size_t>(s.last, hit.last_token + 13);
    for (std::size_t i = from; i < to; ++i) {
      const std::string_view w = a.word(i);
      if (w == "classroom" || w == "classrooms" || w == "hall" || w == "block" ||
          w == "portakabin" || w == "corridor" || w == "corridors" ||
          (w == "room" && i > from &&
           (a.is_word(i - 1, "study") || a.is_word(i - 1, "form") ||
            a.is_word(i - 1, "common") || a.is_word(i - 1, "music")))) {
        return true;
      }
    }
    return false;
  });
}

// The weight of `signal`'s knife cues in a comment about cooking ("knife skills in food tech,
// do they bring their own knife"): a kitchen knife in a lesson, not a weapon.
int Cookery(const Analysis& a, Signal signal) {
  if (a.weight(signal) == 0 || !a.any(WordClass::kFood)) return 0;
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    const std::string_view w = a.word(hit.first_token);
    return hit.first_token == hit.last_token && (w == "knife" || w == "knives");
  });
}

// The weight of `signal`'s cues that foretell harm to nobody in particular: "it's only a matter
// of time before someone gets hurt", "a child will get hit on that crossing", "somebody's going
// to get hurt". A warning about a danger (a complaint to answer), not a report that anyone has
// been harmed. "before he hurts me again" names who: it still counts.
int Foretold(const Analysis& a, Signal signal) {
  auto foretelling = [&](std::size_t k) {
    return a.is_word(k, "before") || a.is_word(k, "until") || a.is_word(k, "till") ||
           a.is_word(k, "will") || a.is_word(k, "gonna") || a.is_word(k, "going") ||
           a.is_word(k, "could") || a.is_word(k, "might") || a.is_word(k, "someone's") ||
           a.is_word(k, "somebody's") || a.is_word(k, "waiting");
  };
  return WeightOfCues(a, signal, [&](const SignalHit& hit) {
    // "someone will hurt me" names who would be harmed.
    const std::size_t after = hit.last_token + 1;
    if (a.is_word(after, "me") || a.is_word(after, "him") || a.is_word(after, "her") ||
        a.is_word(after, "us") || a.is_word(after, "them") || a.is_word(after, "my")) {
      return false;
    }
    const Sentence& s = a.sentence_of(hit.first_token);
    // The unnamed person within six words before the cue, and what foretells it just before
    // them or between them and the cue.
    for (std::size_t k = hit.first_token; k-- > s.first && hit.first_token - k <= 6;) {
      if (!a.IsIndefinitePerson(k)) continue;
      // From three words before the person ("before a child gets hurt") up to the cue.
      for (std::size_t j = k >= s.first + 3 ? k - 3 : s.first; j < hit.first_token; ++j) {
        if (foretelling(j)) return true;
      }
    }
    return false;
  });
}

// The weight of every cue the safeguarding rules read: disclosures, dangers, and the concept
// words (harm, neglect, distress...) they combine.
int SafeguardingCues(const Analysis& a) {
  int cues = a.weight(Signal::kImagery) + a.weight(Signal::kUndress);
  for (int s = static_cast<int>(Signal::kSelfHarm); s <= static_cast<int>(Signal::kConcern); ++s) {
    cues += a.signal_weight[s];
  }
  for (int s = static_cast<int>(Signal::kHarmWord); s <= static_cast<int>(Signal::kAdultWord); ++s) {
    cues += a.signal_weight[s];
  }
  return cues;
}

// Whether some cue of `signal` shares its sentence with the writer ("I", "me", "my"): harm
// the writer tells of ("he hit me", "I got burnt") rather than harm told about someone else
// ("he came home burnt").
bool WriterInSentenceOf(const Analysis& a, Signal signal) {
  // The sentences the writer is in, found in one pass: a long comment has many cues.
  std::vector<bool> writer(a.norm.sentences.size(), false);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.is(i, WordClass::kFirstPerson)) writer[a.tok(i).sentence] = true;
  }
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal == signal && writer[a.tok(hit.first_token).sentence]) return true;
  }
  return false;
}

// The weight of `signal`'s cues said of a member of staff named in the four words before ("Mrs
// Ingle clearly can't cope with a class that size"): an opinion of how they do their job, not
// anyone's despair.
int SaidOfStaff(const Analysis& a, Signal signal) {
  int weight = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != signal) continue;
    const Sentence& s = a.sentence_of(hit.first_token);
    bool staff = false;
    for (std::size_t k = hit.first_token; k-- > s.first && hit.first_token - k <= 4 && !staff;) {
      staff = a.person[k] == PersonRef::kStaff || a.person[k] == PersonRef::kNamedStaff;
    }
    if (staff) weight += hit.weight;
  }
  return weight;
}

// Whether the cue at token `first` follows advice about what might happen, within its
// sentence: "what to do if a child is pressured into sending nudes", "how to spot grooming".
// Not "I don't know what to do if he keeps messaging her": that is a parent asking for help.
bool AdviceBefore(const Analysis& a, const Sentence& s, std::size_t first) {
  for (std::size_t k = first; k-- > s.first && first - k <= 8;) {
    if (a.is_word(k, "if") && k >= s.first + 3 && a.is_word(k - 1, "do") &&
        a.is_word(k - 2, "to") && a.is_word(k - 3, "what")) {
      return !(k >= s.first + 4 && (a.is_word(k - 4, "know") || a.is_word(k - 4, "knew") ||
                                    a.is_word(k - 4, "sure") || a.is_word(k - 4, "idea")));
    }
    if ((a.is_word(k, "spot") || a.is_word(k, "recognise") || a.is_word(k, "recognize")) &&
        k >= s.first + 2 && a.is_word(k - 1, "to") && a.is_word(k - 2, "how")) {
      return true;
    }
  }
  return false;
}

// "the officer who came in to talk to Year 8 about", "spoke to the pupils about": a visitor
// speaking to a class, just before "about" at `about`. Not "I talked to my son about".
bool SpokeToClass(const Analysis& a, const Sentence& s, std::size_t about) {
  for (std::size_t j = about; j-- > s.first + 1 && about - j <= 4;) {
    if (!a.is_word(j, "to")) continue;
    const bool spoke = a.is_word(j - 1, "talk") || a.is_word(j - 1, "talked") ||
                       a.is_word(j - 1, "speak") || a.is_word(j - 1, "spoke") ||
                       a.is_word(j - 1, "chat") || a.is_word(j - 1, "chatted");
    if (!spoke) return false;
    for (std::size_t k = j + 1; k < about && k <= j + 2; ++k) {
      if (a.is_word(k, "my") || a.is_word(k, "our") || a.is_word(k, "his") || a.is_word(k, "her")) {
        return false;
      }
      if (a.is(k, WordClass::kClassWord) || a.is(k, WordClass::kChild)) return true;
    }
    return false;
  }
  return false;
}

// The weight of `signal`'s cues that name what a lesson is about rather than anything that
// happened: the cue just before an education word ("the drugs and county lines workshop", "a
// knife crime assembly") or just after one and "about" or "on" ("a talk on county lines"), a
// visitor speaking to a class about it (SpokeToClass), or advice about what might happen
// (AdviceBefore). `reach`: how many words after "about" or "on" the topics may run.
int Taught(const Analysis& a, Signal signal, std::size_t reach = 8) {
  if (a.weight(signal) == 0) return 0;
  const bool education = a.any(WordClass::kEducation);
  int taught = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != signal) continue;
    const Sentence& s = a.sentence_of(hit.first_token);
    if (AdviceBefore(a, s, hit.first_token)) {
      taught += hit.weight;
      continue;
    }
    bool topic = false;
    // "a county lines and knife crime workshop": the topics listed before the education word.
    for (std::size_t i = hit.last_token + 1;
         education && i < s.last && i <= hit.last_token + 4 && !topic; ++i) {
      topic = a.is(i, WordClass::kEducation);
    }
    // "a talk on county lines", "the online safety evening on grooming, sextortion and nude
    // image sharing", "the Safer Internet Day letter mentions sexting": the topics listed after
    // "<education word> (<event>) about/on/mentions".
    for (std::size_t k = hit.first_token; k-- > s.first && hit.first_token - k <= reach && !topic;) {
      const bool mentions = a.is_word(k, "mentions") || a.is_word(k, "mentioned") ||
                            a.is_word(k, "covers") || a.is_word(k, "covered");
      if (!a.is_word(k, "about") && !a.is_word(k, "on") && !a.is_word(k, "covering") &&
          !mentions) {
        continue;
      }
      topic = (education && k >= s.first + 1 && a.is(k - 1, WordClass::kEducation)) ||
              (education && k >= s.first + 2 && a.is(k - 2, WordClass::kEducation)) ||
              (education && mentions && k >= s.first + 3 && a.is(k - 3, WordClass::kEducation)) ||
              SpokeToClass(a, s, k);
    }
    if (topic) taught += hit.weight;
  }
  return taught;
}

// A sentence about a religious fast: "fasting for Ramadan and nearly fainted in PE" is a child
// keeping a fast, a matter for the school's care plan, not an eating disorder. It must say both
// that someone fasts and which fast.
bool AboutReligiousFast(const Analysis& a, const Sentence& s) {
  bool fasting = false;
  bool faith = false;
  for (std::size_t i = s.first; i < s.last; ++i) {
    const bool roza = a.is_word(i, "roza") || a.is_word(i, "rozay");
    fasting = fasting || roza || a.is_word(i, "fasting") || a.is_word(i, "fast") ||
              a.is_word(i, "fasts");
    faith = faith || roza || a.is_word(i, "ramadan") || a.is_word(i, "ramzan") ||
            a.is_word(i, "lent") || a.is_word(i, "kippur") || a.is_word(i, "navratri");
  }
  return fasting && faith;
}

// The weight of self-harm cues that are a faint in a sentence about a religious fast. A cue of
// not eating ("stopped eating way before Ramadan") still counts: the fast may be its cover.
int FastingForFaith(const Analysis& a) {
  if (a.weight(Signal::kSelfHarm) == 0) return 0;
  int weight = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kSelfHarm) continue;
    bool faint = false;
    for (std::size_t i = hit.first_token; i <= hit.last_token && !faint; ++i) {
      faint = a.is_word(i, "fainted") || a.is_word(i, "fainting") || a.is_word(i, "faint") ||
              a.is_word(i, "passed") || a.is_word(i, "passing") || a.is_word(i, "blacked") ||
              a.is_word(i, "blacking") || a.is_word(i, "collapsed") || a.is_word(i, "dizzy");
    }
    if (faint && AboutReligiousFast(a, a.sentence_of(hit.first_token))) weight += hit.weight;
  }
  return weight;
}

// "don't tell your parents yet": whoever is told to keep a secret from their parents is a
// child, whether or not any word says so.
bool SecretFromYourParents(const Analysis& a) {
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kSecrecy) continue;
    for (std::size_t i = hit.first_token; i < hit.last_token; ++i) {
      if (a.is_word(i, "your") && a.is(i + 1, WordClass::kParent)) return true;
    }
  }
  return false;
}

// "hes 24 and im 16", "i am 12 and he says hes 17": a child giving their age and that of
// someone four or more years older who is not family, the shape of a grooming disclosure.
bool OlderThanWriter(const Analysis& a) {
  int writer = 0, other = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    const int age = NumberValue(a, i);
    if (age <= 0 || a.is_word(i + 1, "months") || a.is_word(i + 1, "weeks") ||
        a.is_word(i + 1, "days") || a.is_word(i + 1, "minutes") || a.is_word(i + 1, "hours")) {
      continue;
    }
    const bool am = a.is_word(i - 1, "im") || a.is_word(i - 1, "i'm") ||
                    (a.is_word(i - 1, "am") && i >= 2 && a.is_word(i - 2, "i"));
    const bool is = a.is_word(i - 1, "hes") || a.is_word(i - 1, "he's") ||
                    a.is_word(i - 1, "shes") || a.is_word(i - 1, "she's") ||
                    (a.is_word(i - 1, "is") && i >= 2 &&
                     (a.is_word(i - 2, "he") || a.is_word(i - 2, "she")));
    if (am && age >= 8 && age <= 17) writer = age;
    if (is && age >= 16 && age <= 70) other = std::max(other, age);
  }
  if (writer == 0 || other < writer + 4) return false;
  // "my brother's 19 and I'm 13", "my PE teacher's 40 next week": family or staff, not a
  // stranger.
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.is(i, WordClass::kFamilyAdult) || a.is(i, WordClass::kParent) ||
        a.is(i, WordClass::kStaff) || a.is_word(i, "brother") || a.is_word(i, "sister") ||
        a.is_word(i, "cousin") || a.is_word(i, "uncle") || a.is_word(i, "auntie")) {
      return false;
    }
  }
  return true;
}

}  // namespace

void DetectSafeguarding(Analysis& a) {
  const std::size_t n = a.size();
  if (!n) return;
  // Most comments carry no cue at all: leave before the token scans.
  if (SafeguardingCues(a) == 0 && !a.Has(Category::kThreat) && !a.Has(Category::kSexual) &&
      !a.any(WordClass::kAbuseVerb) && !a.any(WordClass::kViolentVerb) &&
      !(a.any(WordClass::kFirstSingular) && OlderThanWriter(a))) {
    return;
  }
  a.child_speaker = ChildSpeaker(a);
  // "the assembly on self-harm": only the words just after "on" are its subject, so that "the
  // assembly on self-harm made me admit I've been cutting" still counts.
  int self_harm = a.weight(Signal::kSelfHarm) -
                  std::max({Taught(a, Signal::kSelfHarm, 2), Depicted(a, Signal::kSelfHarm),
                            FastingForFaith(a)});
  int abuse = a.weight(Signal::kAbuse) -
              std::max(Taught(a, Signal::kAbuse), Depicted(a, Signal::kAbuse));
  int neglect = a.weight(Signal::kNeglect) - SchoolBuilding(a, Signal::kNeglect);
  // Soliciting pictures is grooming when a child is in view; between adults it is sexual
  // content (the sexual detector sees the same cue).
  bool child_context = a.child_speaker || a.named_child || NameWithChildAge(a);
  for (std::size_t i = 0; i < n; ++i) {
    child_context = child_context || a.is(i, WordClass::kChild) || a.is(i, WordClass::kClassWord);
  }
  // Kept only with a child in view, below.
  int grooming = a.weight(Signal::kGrooming) -
                 std::max(Taught(a, Signal::kGrooming), Depicted(a, Signal::kGrooming));
  int secrecy = a.weight(Signal::kSecrecy);
  int injury = a.weight(Signal::kInjury);
  int danger = a.weight(Signal::kDanger) -
               std::max(Taught(a, Signal::kDanger), Depicted(a, Signal::kDanger));
  int staff = a.weight(Signal::kStaffConduct);
  int stranger = a.weight(Signal::kStranger);
  // Someone who has a concern about a child and will not say it in public: the DSL reads it.
  const int reported = a.weight(Signal::kConcern);

  // "my stepdad slaps me", "his uncle gropes him", "a coach shoved him": an adult, then
  // an abusive verb with a person as its object.
  std::size_t at = n;
  for (std::size_t i = 0; i < n; ++i) {
    const bool family = a.is(i, WordClass::kFamilyAdult);
    const bool school_adult = a.person[i] == PersonRef::kStaff || a.person[i] == PersonRef::kNamedStaff;
    if (!family && !school_adult) continue;
    for (std::size_t k = i + 1; k < n && k <= i + 4; ++k) {
      if (!a.is(k, WordClass::kAbuseVerb)) continue;
      // "choked on her tea", "touched on his worries": the verb does not act on the person.
      if (k + 1 < n && (a.is_word(k + 1, "on") || a.is_word(k + 1, "about"))) continue;
      bool object = false;
      for (std::size_t o = k + 1; o < n && o <= k + 2; ++o) object = object || a.is(o, WordClass::kObject);
      if (!object) continue;
      if (family) abuse += 3;
      else staff += 2;
      at = std::min(at, i);
      break;
    }
  }
  // Violence aimed at the writer ("they'll batter me after school", "says he'll stab us"), but
  // not the idiom ("the mocks are killing me", "my feet are killing me") nor an account to add
  // ("snap me @name").
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (!a.is(i, WordClass::kViolentVerb)) continue;
    const bool idiom = (a.is_word(i, "killing") && i > 0 && a.is(i - 1, WordClass::kCopula)) ||
                       a.WeightIn(Signal::kAccount, i, i) > 0;
    if (!idiom && (a.is_word(i + 1, "me") || a.is_word(i + 1, "us") ||
                   (i + 2 < n && (a.is_word(i + 2, "me") || a.is_word(i + 2, "us"))))) {
      danger += 3;
      at = std::min(at, i);
    }
  }
  // A threat against a child, or a named child's whereabouts or care status.
  for (const Finding& f : a.findings) {
    if (f.category == Category::kThreat && f.target == Target::kPupil) danger += 3;
  }
  if (a.named_child) {
    if (a.weight(Signal::kLivesAt) > 0 || a.Has(Category::kThreat)) danger += 3;
    neglect += a.weight(Signal::kPrivatePhrase) > 0 && neglect > 0 ? 1 : 0;
  }

  // Sexualised remarks about pupils ("want to see the girls in their dresses"): a child word
  // near the sexual cue, not "while the kids are at school".
  for (const Finding& f : a.findings) {
    // A remark about a member of staff ("that Reception teacher can mark my homework") is
    // harassment of the adult, whatever class they teach.
    if (f.category != Category::kSexual || a.spam || f.target == Target::kStaff) continue;
    // "what to do if a child is asked to send nudes": advice, not a remark about a child.
    // The finding's first token, by bisection: a long comment can hold many such findings.
    const std::size_t at_finding = std::min<std::size_t>(
        std::partition_point(a.tokens, a.tokens + n,
                             [&](const Token& t) { return t.end <= f.begin; }) - a.tokens,
        n - 1);
    if (AdviceBefore(a, a.sentence_of(at_finding), at_finding)) continue;
    for (std::size_t i = 0; i < n; ++i) {
      if (!a.is(i, WordClass::kChild) && !a.is(i, WordClass::kClassWord)) continue;
      // "the back of her class", "kept behind after class": the teacher's lesson, not a child.
      if (a.is_word(i, "class") && i > 0 &&
          (a.is_word(i - 1, "her") || a.is_word(i - 1, "his") || a.is_word(i - 1, "after") ||
           a.is_word(i - 1, "their") || a.is_word(i - 1, "in"))) {
        continue;
      }
      if (a.tok(i).end + 40 < f.begin || a.tok(i).begin > f.end + 40) continue;
      const bool aside = i >= 2 && (a.is_word(i - 2, "while") || a.is_word(i - 2, "when") ||
                                    a.is_word(i - 2, "until") || a.is_word(i - 2, "till") ||
                                    a.is_word(i - 2, "before") || a.is_word(i - 2, "after"));
      if (!aside && !(i > 0 && (a.is_word(i - 1, "my") || a.is_word(i - 1, "our")))) {
        grooming += 3;
        break;
      }
    }
    break;
  }
  if (child_context && a.weight(Signal::kImagery) > 0 &&
      a.weight(Signal::kUndress) > Taught(a, Signal::kUndress)) {
    grooming += 3;
  }
  if (OlderThanWriter(a)) grooming += 3;
  // Concepts in combination, so that new wordings still count: distress in the writer's own
  // words; sexual contact with a child or the writer; harm done to the writer or by an adult;
  // two signs of neglect; drugs or weapons around children; someone watching children.
  bool writer = false;  // the writer speaks of themselves, or of "mum" and "dad" as their own
  for (std::size_t i = 0; i < n; ++i) {
    writer = writer || a.is(i, WordClass::kFirstSingular);
    if (a.is(i, WordClass::kFamilyAdult) && i > 0 && !a.is(i - 1, WordClass::kDeterminer) &&
        !a.is_word(i - 1, "his") && !a.is_word(i - 1, "her") && !a.is_word(i - 1, "their") &&
        !a.is_word(i - 1, "your") && !(a.tok(i - 1).flags & kPossessive)) {
      writer = true;
    }
  }
  const bool parent_speaker = ParentSpeaker(a);
  // A parent word speaks of someone's parents, unless it opens the sentence bare, as a child
  // names their own ("dads new girlfriend locks me in my room").
  bool others_parent = false;
  for (std::size_t i = 0; i < n && !others_parent; ++i) {
    others_parent = a.is(i, WordClass::kParent) && !(a.tok(i).flags & kSentenceStart);
  }
  const bool victim_me = a.child_speaker || (writer && !parent_speaker && !others_parent);
  // "He sent me money and says I owe him": on a school's page the writer is most likely a pupil.
  // A troll's "send me pics" is sexual content, not a disclosure.
  if (!child_context && (!victim_me || a.Has(Category::kSexual))) grooming = 0;
  bool school_actor = false;
  for (std::size_t i = 0; i < n; ++i) {
    school_actor = school_actor || a.person[i] == PersonRef::kStaff ||
                   a.person[i] == PersonRef::kNamedStaff;
  }
  // Harm done by a member of staff: the staff word, then the harm word in the same sentence
  // ("the supervisor dragged my son"), not the writer's threat against them ("if that teacher
  // shouts at my kid he's getting knocked out").
  bool staff_harm = false;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kHarmWord) continue;
    // A member of staff at most six words before the harm, in its sentence.
    const Sentence& s = a.sentence_of(hit.first_token);
    const std::size_t from = std::max<std::size_t>(s.first, hit.first_token >= 6 ? hit.first_token - 6 : 0);
    for (std::size_t i = from; i < hit.first_token && !staff_harm; ++i) {
      staff_harm = a.person[i] == PersonRef::kStaff || a.person[i] == PersonRef::kNamedStaff;
    }
    if (staff_harm) break;
  }
  if (a.Has(Category::kThreat)) staff_harm = false;
  const int distress = a.weight(Signal::kDistressWord) - SaidOfStaff(a, Signal::kDistressWord);
  const int sexual_harm = a.weight(Signal::kSexualHarmWord);
  const int harm = a.weight(Signal::kHarmWord) - Foretold(a, Signal::kHarmWord) -
                   Compounded(a, Signal::kHarmWord) - Depicted(a, Signal::kHarmWord) -
                   ThingDid(a, Signal::kHarmWord) - PutOut(a, Signal::kHarmWord) -
                   Refused(a, Signal::kHarmWord) - Sunburnt(a, Signal::kHarmWord);
  const int neglect_words =
      a.weight(Signal::kNeglectWord) - SchoolBuilding(a, Signal::kNeglectWord);
  const int danger_words =
      a.weight(Signal::kDangerWord) -
      std::max(Taught(a, Signal::kDangerWord), Depicted(a, Signal::kDangerWord)) -
      Foretold(a, Signal::kDangerWord) - Cookery(a, Signal::kDangerWord);
  const int watching = a.weight(Signal::kWatchWord);
  const int adult = a.weight(Signal::kAdultWord);
  // A parent's word for their child's worry ("my anxious 8 year old is terrified of...") is not
  // the child's own despair; it still counts as a concept below.
  if (distress >= 3 && !ParentSpeaker(a)) self_harm = std::max(self_harm, 3);
  if (distress >= 2 && a.child_speaker) self_harm = std::max(self_harm, 3);
  // A thank-you for an online-safety lesson talks of strangers, ages and secrets too.
  const bool lesson_praise = a.any(WordClass::kEducation) && a.weight(Signal::kPraise) > 0;
  if ((child_context || writer) && !lesson_praise &&
      (sexual_harm >= 3 || (sexual_harm >= 2 && (adult >= 2 || secrecy >= 2)))) {
    grooming = std::max(grooming, 3);
  }
  if (harm >= 2) {
    // A family member, not "a mum with a pram" passing by.
    bool family_actor = false;
    for (std::size_t i = 0; i < n; ++i) {
      family_actor = family_actor ||
                     (a.is(i, WordClass::kFamilyAdult) &&
                      !(i > 0 && (a.is_word(i - 1, "a") || a.is_word(i - 1, "an") ||
                                  a.is_word(i - 1, "another") || a.is_word(i - 1, "some"))));
    }
    if (victim_me && (a.child_speaker || family_actor || adult >= 2)) abuse = std::max(abuse, 3);
    else if (victim_me && WriterInSentenceOf(a, Signal::kHarmWord)) danger = std::max(danger, 3);
    else if (family_actor && child_context) abuse = std::max(abuse, 3);
    else if (staff_harm && child_context) staff = std::max(staff, 3);
  }
  // Money or a private channel offered to children, kept from their parents ("want to earn £50
  // helping me out? add me on snap, don't tell your mums"): exploitation, even when it reads
  // like an advert.
  if ((child_context || SecretFromYourParents(a)) && !lesson_praise && secrecy >= 2 &&
      (a.weight(Signal::kSpamMoney) > 0 ||
       (a.weight(Signal::kAccount) > 0 && a.any(WordClass::kPron2)))) {
    grooming = std::max(grooming, 3);
  }
  // Otherwise a secret in an advert is its sales talk ("our secret papers have the real
  // questions"), not a child's.
  if (a.spam && grooming < 3) secrecy = 0;
  // An adult at school grooming a pupil is for the DSL to investigate (review), not hidden as
  // if the comment exposed the child.
  if (school_actor && grooming >= 3 && !a.child_speaker && !a.named_child) {
    staff = std::max(staff, 3);
    grooming = 2;
  }
  // An adult's age beside a child and a boyfriend, gifts or secrets ("she says he's her
  // boyfriend, he looks about 25"): an adult's interest in a child, for the DSL to look at.
  if (child_context && !lesson_praise && (adult >= 2 || sexual_harm >= 2 || secrecy >= 2) &&
      AgeGiven(a, 18, 69)) {
    stranger = std::max(stranger, 3);
  }
  if ((child_context || writer) && neglect_words >= 4) neglect = std::max(neglect, 3);
  if (a.child_speaker && neglect_words >= 2) neglect = std::max(neglect, 3);
  if (child_context && danger_words >= 2) danger = std::max(danger, danger_words >= 4 ? 3 : 2);
  // "Watching the Year 7s learn to use a sextant was brilliant": a proud onlooker, unless an
  // adult stranger is in it too.
  const bool admiring = adult == 0 && (a.weight(Signal::kPraise) > 0 || a.any(WordClass::kPositive));
  if (child_context && watching >= 2 && !admiring) stranger = std::max(stranger, 3);
  const int strongest = std::max({self_harm, abuse, grooming, secrecy, neglect, danger, staff,
                                  stranger, injury, reported});
  const int total = self_harm + abuse + neglect + grooming + secrecy + injury + danger + staff +
                    stranger + reported + (a.child_speaker ? 1 : 0);
  // Recall matters most here: any harm concept with a child or the writer in view is worth the
  // DSL's look (review), even when nothing else confirms it.
  const int concepts =
      sexual_harm + harm + neglect_words + danger_words + watching + distress + injury;
  const bool concern = (child_context || writer) && !lesson_praise &&
                       (concepts >= 4 || (concepts >= 2 && (adult >= 2 || secrecy >= 2)));
  if (strongest < 3 && total < 4 && !concern) return;

  // Remove (hide, escalate, preserve) when the comment itself exposes a child: self-harm, abuse
  // or sexual exploitation, a child's own disclosure, a named child. Otherwise a person reviews
  // it (a parent's concern about an adult, a stranger, a danger).
  // The writer's own home ("there's no electric at home and I sleep in my coat").
  bool first_person = false;
  for (std::size_t i = 0; i < n; ++i) {
    first_person = first_person || a.is_word(i, "i") || a.is_word(i, "me") || a.is_word(i, "i'm");
  }
  // "mam's not been back": the writer's own family, named without "my".
  const bool own_neglect = neglect >= 2 && (first_person || writer) && !a.any(WordClass::kChild);
  // Physical abuse a witness saw ("a boy being smacked by his dad") is for the DSL to follow up
  // (review); abuse the writer suffers, sexual abuse, or a named child is hidden as well.
  const bool abuse_exposes = abuse >= 3 && (a.child_speaker || sexual_harm >= 2 || victim_me);
  // Danger to the writer themselves ("me and my mate got given vapes by older lads") is a
  // disclosure too.
  const bool own_danger = danger >= 3 && victim_me && !parent_speaker;
  // An adult telling of what was done to them as a child, years ago ("when I was an altar
  // server ... he put his hand on our legs"): a person decides what stays up.
  const bool historical = Historical(a);
  // A first name with a class is enough for the school community to know the child.
  const bool exposes = !historical && (self_harm >= 3 || abuse_exposes || grooming >= 3 ||
                                       a.child_speaker || a.named_child || a.child_with_class ||
                                       own_neglect || own_danger);
  std::string_view rule = self_harm >= 3   ? "safeguarding:self-harm"
                          : abuse >= 3     ? "safeguarding:abuse"
                          : grooming >= 3  ? "safeguarding:exploitation"
                          : neglect >= 3   ? "safeguarding:neglect"
                          : staff >= 2     ? "safeguarding:adult-conduct"
                          : danger >= 2    ? "safeguarding:danger"
                                           : "safeguarding:concern";
  std::size_t first = at < n ? at : 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal >= Signal::kSelfHarm && hit.signal <= Signal::kConcern &&
        hit.signal != Signal::kChildSpeaker) {
      first = std::min<std::size_t>(first, hit.first_token);
    }
  }
  a.Add(Category::kSafeguarding, exposes ? 3 : 2, rule, first, n - 1, Target::kPupil);
}

namespace {

bool Advertises(const Analysis& a) {
  return std::any_of(a.findings.begin(), a.findings.end(),
                     [](const Finding& f) { return f.rule == "spam:advert"; });
}

}  // namespace

void DetectSafeguardingByModel(const ModelBank& models, std::size_t index, Analysis& a) {
  const TextModel& model = models.model(index);
  if (model.empty() || a.size() == 0 || a.Has(Category::kSafeguarding)) return;
  // A parent's threat against an adult ("if that teacher shouts at my kid again he's getting
  // knocked out") is about a child but no risk to one; a threat whose words bring in a child
  // ("her little boy's school is round the corner from me") may be.
  for (const Finding& f : a.findings) {
    if (f.category != Category::kThreat ||
        (f.target != Target::kStaff && f.target != Target::kParent)) {
      continue;
    }
    bool child = false;
    for (std::size_t i = 0; i < a.size() && !child; ++i) {
      child = a.tok(i).begin >= f.begin && a.tok(i).end <= f.end && a.is(i, WordClass::kChild);
    }
    if (!child) return;
  }
  // A member of staff's own troubles ("Mrs Hale's been off with depression, her sister told
  // me"), with no child in view, are gossip about an adult: personal data, not a child at risk.
  // So is an adult named in full ("the man shouting at the gate was Dean Poll"), with no child
  // and no cue of harm in view.
  const bool named_adult =
      std::find(a.person.begin(), a.person.end(), PersonRef::kNamedPerson) != a.person.end();
  const bool adult_only =
      a.target_all == Target::kStaff ||
      (named_adult && SafeguardingCues(a) == 0 && !a.any(WordClass::kFirstSingular));
  if (adult_only && !a.named_child && !a.child_with_class && !a.any(WordClass::kChild) &&
      !a.any(WordClass::kClassWord) && !ChildSpeaker(a)) {
    return;
  }
  const TextModel::Score& score = a.ModelScore(models, index);
  if (!model.Fires(score)) return;
  // A well-wish with no word of harm in it ("good luck to the Year 10 netball girls this
  // weekend"): the everyday words the model has seen in disclosures (girls, weekend) are not
  // enough on their own. Over every labelled set, no disclosure relied on the model that way.
  // So is a local trade's advert ("prom hair and makeup, £25 per girl").
  if ((a.weight(Signal::kPraise) > 0 || Advertises(a)) && SafeguardingCues(a) == 0) {
    return;
  }
  // The words it leaned on ("fainting") were about a religious fast, and at most a weak cue
  // ("is that normal") says more.
  if (const int fast = FastingForFaith(a);
      fast > 0 && SafeguardingCues(a) - fast <= 1 &&
      AboutReligiousFast(a, a.sentence_of(score.first_token))) {
    return;
  }
  // Severity 2: a person reads it. The model is a statistical guess about the words; what the
  // comment exposes is for the rules to say. One they can say: a child who says they are one
  // ("writing this on mums phone", "I'm in Year 6") has disclosed their own life in public, and
  // the comment is hidden while the DSL acts, as the rules' own disclosures are. "My mum" alone
  // is as often an adult's elderly mother, so a writer known only from that needs the model to
  // be sure, at four times its threshold.
  const bool own_disclosure =
      !Historical(a) &&
      (a.weight(Signal::kChildSpeaker) >= 2 ||
       (ChildSpeaker(a) &&
        (a.weight(Signal::kChildSpeaker) > 0 || score.value >= 4 * model.threshold())));
  a.Add(Category::kSafeguarding, own_disclosure ? 3 : 2, "safeguarding:model", score.first_token,
        score.last_token, Target::kPupil);
}

void DetectDefamation(Analysis& a) {
  const std::size_t n = a.size();
  if (!n) return;
  // "the girls picking on my daughter": children doing it, not staff.
  int allegation = a.weight(Signal::kAllegation);
  if (allegation == 0) return;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal == Signal::kAllegation && hit.first_token > 0 &&
        a.is(hit.first_token - 1, WordClass::kChild)) {
      allegation -= hit.weight;
    }
  }
  const int hearsay = a.weight(Signal::kHearsay);
  if (allegation < 2 && !(allegation >= 1 && hearsay >= 1)) return;
  bool staff = false;
  for (std::size_t i = 0; i < n; ++i) {
    staff = staff || a.person[i] == PersonRef::kStaff || a.person[i] == PersonRef::kNamedStaff ||
            a.person[i] == PersonRef::kNamedPerson || a.person[i] == PersonRef::kNamedChild;
  }
  if (!staff) return;
  const SignalHit* hit = a.FirstHit(Signal::kAllegation);
  // "Mr X was sacked from his last school for hitting a child, look it up": a grave accusation
  // (dismissal for misconduct, theft, harm to a child: the cues weighing 4) stated as fact is
  // published defamation and comes down; passed on as hearsay ("apparently", "word is") or
  // asked about, a person weighs it.
  bool grave = false, asked = false;
  for (const SignalHit& h : a.matches.signals) {
    if (h.signal != Signal::kAllegation) continue;
    grave = grave || h.weight >= 4;
    asked = asked || a.sentence_of(h.first_token).end_mark == '?';
  }
  const bool asserted = grave && a.weight(Signal::kHedge) == 0 && !asked;
  a.Add(Category::kDefamation, asserted ? 3 : 1, "defamation:allegation", hit->first_token, n - 1,
        a.target_all);
  // An allegation about staff is a complaint the school must answer (unless the comment goes
  // for exposing someone's personal data, or comes down).
  if (!a.Has(Category::kPersonalData) && !asserted) {
    a.Add(Category::kComplaint, 0, "response:allegation", 0, n - 1, Target::kSchool);
  }
}

}  // namespace schoolmod::moderation::classifier
