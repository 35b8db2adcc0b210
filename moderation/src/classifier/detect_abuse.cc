#include <algorithm>
#include <array>
#include <cctype>

#include "classifier/detectors.h"

// People, lexicon terms, insults, harassment, hate, threats and sexual content: the rules that
// make a comment unacceptable because of what it says about someone.
namespace schoolmod::moderation::classifier {
namespace {

// Animal words: "a female dog", "a calm reading dog" next to "cocker spaniel".
constexpr std::uint64_t kAnimalClasses =
    Bit(WordClass::kDog) | Bit(WordClass::kFarm) | Bit(WordClass::kBird);

// Insult nouns that as often name a thing as a person: "the parking is a joke", "that
// shambles of a trip". They need a person named for them.
bool OftenNamesAThing(std::string_view w) {
  return w == "joke" || w == "jokes" || w == "disgrace" || w == "embarrassment" ||
         w == "nightmare" || w == "laughing" || w == "shambles";
}

bool IsCap(const Analysis& a, std::size_t i) {
  return i < a.size() && (a.tok(i).flags & kCapitalised) && !(a.tok(i).flags & kNumber);
}

// Words that are capitalised without being names: they end a name ("Amy Brook in Year 4").
bool IsNameStop(const Analysis& a, std::size_t i) {
  constexpr std::uint64_t kStops =
      Bit(WordClass::kClassWord) | Bit(WordClass::kSchool) | Bit(WordClass::kStaff) |
      Bit(WordClass::kStreetSuffix) | Bit(WordClass::kDeterminer) | Bit(WordClass::kCopula) |
      Bit(WordClass::kQuestionWord) | Bit(WordClass::kAuxiliary) | Bit(WordClass::kPron3) |
      Bit(WordClass::kPron2) | Bit(WordClass::kFirstPerson) | Bit(WordClass::kTitle) |
      Bit(WordClass::kPositive) | Bit(WordClass::kNegation);
  return (a.tok(i).classes & kStops) != 0;
}

// "in Year 7", ", Year 9", "in 6P", "in 8R's", "in Reception": the class of a named child.
bool IsClassAt(const Analysis& a, std::size_t i) {
  if (i >= a.size()) return false;
  if (a.is(i, WordClass::kClassWord)) return true;
  // A form code: one or two digits and one or two letters ("6P", "10C", "8R's").
  const Token& t = a.tok(i);
  std::string_view raw = a.original.substr(t.begin, t.end - t.begin);
  std::size_t k = 0;
  while (k < raw.size() && raw[k] >= '0' && raw[k] <= '9') ++k;
  if (k == 0 || k > 2) return false;
  std::size_t letters = 0;
  while (k < raw.size() && ((raw[k] >= 'A' && raw[k] <= 'Z') || (raw[k] >= 'a' && raw[k] <= 'z'))) {
    ++k;
    ++letters;
  }
  return letters >= 1 && letters <= 2 && (k == raw.size() || raw[k] == '\'' || raw[k] == '\xe2');
}

// A class with its number somewhere in the comment: "9P", "Year 11", "Y6".
bool HasNumberedClass(const Analysis& a) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!IsClassAt(a, i)) continue;
    if ((a.tok(i).flags & kHasDigit) || (i + 1 < a.size() && (a.tok(i + 1).flags & kNumber))) {
      return true;
    }
  }
  return false;
}

// "English", "Drama": a lesson, as in "in English class", rather than a class of pupils.
bool IsLessonName(std::string_view w) {
  static constexpr std::string_view kLessons[] = {
      "english", "maths",   "math",     "science",   "french",    "spanish", "german",
      "art",     "drama",   "music",    "history",   "pe",        "re",      "computing",
      "dance",   "latin",   "media",    "business",  "geography", "biology", "chemistry",
      "physics", "urdu",    "polish"};
  return std::find(std::begin(kLessons), std::end(kLessons), w) != std::end(kLessons);
}

bool ClassMarkerAfter(const Analysis& a, std::size_t j) {
  // "in Year 7", "from 5C", ", Year 9"
  if (j < a.size() && (a.is_word(j, "in") || a.is_word(j, "from")) && IsClassAt(a, j + 1)) {
    return true;
  }
  // "in 5 Oak", "in 3 Willow": a year and a class named for a tree or a colour, not a house
  // number and a street ("8 Penrose Gardens").
  if (j + 2 < a.size() && a.is_word(j, "in")) {
    const Token& t = a.tok(j + 1);
    const std::string_view raw = a.original.substr(t.begin, t.end - t.begin);
    const bool street = j + 3 < a.size() && a.is(j + 3, WordClass::kStreetSuffix);
    if (raw.size() == 1 && raw[0] >= '1' && raw[0] <= '9' && !(t.flags & kPauseAfter) &&
        IsCap(a, j + 2) && !(a.tok(j + 2).flags & (kNumber | kAllCaps)) && !street) {
      return true;
    }
  }
  // "in Gannets class", "in Oak Class": a class named for a bird or a tree, not a lesson ("in
  // English class").
  if (j + 2 < a.size() && a.is_word(j, "in") && IsCap(a, j + 1) && a.is_word(j + 2, "class") &&
      !(a.tok(j + 1).flags & (kNumber | kHasDigit)) && !IsLessonName(a.word(j + 1))) {
    return true;
  }
  // "from St Oswin's Year 6": the school's name, then the class.
  if (j < a.size() && (a.is_word(j, "from") || a.is_word(j, "at"))) {
    for (std::size_t k = j + 1; k < a.size() && k <= j + 4 && IsCap(a, k); ++k) {
      if (IsClassAt(a, k + 1)) return true;
    }
  }
  if (j > 0 && (a.tok(j - 1).flags & kPauseAfter) && IsClassAt(a, j)) return true;
  // "Reece Attwood Y6", "Kian 10C", "Amy Brook Year 4": a class written straight after the
  // name, when it has its number ("Amy Brook class rep" is no class).
  if (j == 0 || j >= a.size() || (a.tok(j - 1).flags & kPauseAfter)) return false;
  const bool numbered = (a.tok(j).flags & kHasDigit) ||
                        (j + 1 < a.size() && (a.tok(j + 1).flags & kNumber) &&
                         (a.is_word(j, "year") || a.is_word(j, "yr")));
  return numbered && IsClassAt(a, j);
}

// "Brogan Askwith from Year 10": a name the first-name list lacks, placed by its class. Returns
// the name's last token, or 0 when tokens from `i` are not such a name. Two capitalised words
// exactly (after a sentence's opening word, as in "That's Brogan..."), so that a title ("British
// Science Week, Year 5") is not read as a name; a double-barrelled surname ("Kacey Morgan-Pugh")
// is one word of the two.
std::size_t UnlistedPupilName(const Analysis& a, std::size_t i) {
  const std::size_t n = a.size();
  if (i + 1 >= n || !IsCap(a, i) || !IsCap(a, i + 1) || a.tok(i).classes != 0 ||
      a.tok(i + 1).classes != 0 || (a.tok(i).flags & (kPauseAfter | kPossessive))) {
    return 0;
  }
  const bool starts_name = i == 0 || !IsCap(a, i - 1) || a.sentence_of(i).first == i ||
                           (a.sentence_of(i).first == i - 1 && a.tok(i - 1).classes != 0);
  if (!starts_name) return 0;
  std::size_t last = i + 1;
  // "Moby-Dick in class": two words joined by a hyphen are one name, a title or a first name
  // ("Kacey-Jo"), and need a surname after them to be a pupil's full name.
  if (a.tok(i).flags & kHyphenAfter) {
    if (last + 1 >= n || !IsCap(a, last + 1) || a.tok(last + 1).classes != 0 ||
        (a.tok(last).flags & kPauseAfter)) {
      return 0;
    }
    ++last;
  }
  // "Hollingsby-Dean": a double-barrelled surname, either half perhaps a first name too.
  while (last + 1 < n && (a.tok(last).flags & kHyphenAfter) && IsCap(a, last + 1) &&
         (a.tok(last + 1).classes & ~Bit(WordClass::kFirstName)) == 0) {
    ++last;
  }
  const bool placed = (a.is_word(last + 1, "in") || a.is_word(last + 1, "from")) &&
                      ClassMarkerAfter(a, last + 1);
  return placed ? last : 0;
}

}  // namespace

void FindPeople(Analysis& a) {
  const std::size_t n = a.size();
  a.person.assign(n, PersonRef::kNone);
  for (std::size_t i = 0; i < n; ++i) a.classes |= a.tok(i).classes;
  for (std::size_t i = 0; i < n; ++i) {
    if (a.person[i] != PersonRef::kNone) continue;
    // Mr / Mrs / Miss + a name.
    if (a.is(i, WordClass::kTitle) && i + 1 < n && !IsNameStop(a, i + 1) &&
        !(a.tok(i + 1).flags & (kNumber | kEmojiToken)) &&
        (IsCap(a, i + 1) || a.word(i) == "mr" || a.word(i) == "mrs" || a.word(i) == "ms")) {
      a.person[i] = a.person[i + 1] = PersonRef::kNamedStaff;
      ++i;
      continue;
    }
    // First name + surname, with hyphenated first names ("Amy-Rose Kettering").
    if (a.is(i, WordClass::kFirstName) && IsCap(a, i) && !a.is(i, WordClass::kTitle)) {
      std::size_t j = i + 1;
      while (j < n && (a.tok(j - 1).flags & kHyphenAfter) && IsCap(a, j)) ++j;
      const bool surname = j < n && IsCap(a, j) && !IsNameStop(a, j) &&
                           !(a.tok(j - 1).flags & kPauseAfter) && !a.is(j, WordClass::kFirstName);
      const bool surname_also_first = j < n && IsCap(a, j) && !IsNameStop(a, j) &&
                                      !(a.tok(j - 1).flags & kPauseAfter) &&
                                      a.is(j, WordClass::kFirstName) &&
                                      (j + 1 == n || !IsCap(a, j + 1) ||
                                       (a.tok(j).flags & kPauseAfter));
      if (surname || surname_also_first) {
        std::size_t last = j;  // through a double-barrelled surname ("Mistry-Patel")
        while (last + 1 < n && (a.tok(last).flags & kHyphenAfter) && IsCap(a, last + 1) &&
               (a.tok(last + 1).classes & ~Bit(WordClass::kFirstName)) == 0) {
          ++last;
        }
        bool child = ClassMarkerAfter(a, last + 1);
        if (i > 0 && (a.is(i - 1, WordClass::kChild) || a.is_word(i - 1, "is"))) {
          // "our daughter Leah Marsh", "his name is Tom Pryce, Year 5"
          child = child || a.is(i - 1, WordClass::kChild) || ClassMarkerAfter(a, last + 1);
        }
        if (a.tok(last).flags & kPossessive) child = child || a.is(last + 1, WordClass::kParent);
        // "Zainab Ali's brother in 10C": a named family and a class identify the pupil too.
        const bool sibling_in_class =
            (a.tok(last).flags & kPossessive) && last + 1 < n &&
            (a.is(last + 1, WordClass::kChild) || a.is_word(last + 1, "brother") ||
             a.is_word(last + 1, "sister") || a.is_word(last + 1, "cousin")) &&
            ClassMarkerAfter(a, last + 2);
        if (sibling_in_class) {
          child = true;
          a.person[last + 1] = PersonRef::kNamedChild;
        }
        for (std::size_t k = i; k <= last; ++k) {
          a.person[k] = child ? PersonRef::kNamedChild : PersonRef::kNamedPerson;
        }
        a.named_child = a.named_child || child;
        i = last;
        continue;
      }
      // "Kian in Year 4": a first name with a class is enough to identify a pupil.
      if (ClassMarkerAfter(a, i + 1)) {
        a.person[i] = PersonRef::kChild;
        a.child_with_class = true;
        continue;
      }
      // "Jayden's mum": a child named by first name, through a parent.
      if ((a.tok(i).flags & kPossessive) && a.is(i + 1, WordClass::kParent)) {
        a.person[i] = PersonRef::kChild;
        a.person[i + 1] = PersonRef::kParent;
        ++i;
        continue;
      }
    }
    if (const std::size_t last = UnlistedPupilName(a, i); last != 0) {
      for (std::size_t k = i; k <= last; ++k) a.person[k] = PersonRef::kNamedChild;
      a.named_child = true;
      i = last;
      continue;
    }
    const std::uint64_t c = a.tok(i).classes;
    // "hold his head under", "her head hurts": the body part, not the headteacher ("her head
    // of year" is still staff).
    const bool body = (c & Bit(WordClass::kBodyPart)) && i > 0 &&
                      (a.is_word(i - 1, "his") || a.is_word(i - 1, "her") ||
                       a.is_word(i - 1, "their") || a.is_word(i - 1, "your") ||
                       a.is_word(i - 1, "my")) &&
                      !a.is_word(i + 1, "of") && !a.is_word(i + 1, "teacher");
    if (body) continue;
    // "parents' evening was a joke", "the parent forum": an event or a body, not the parents.
    const bool gathering =
        (c & Bit(WordClass::kParent)) &&
        (a.is_word(i + 1, "evening") || a.is_word(i + 1, "evenings") ||
         a.is_word(i + 1, "meeting") || a.is_word(i + 1, "consultation") ||
         a.is_word(i + 1, "consultations") || a.is_word(i + 1, "forum") ||
         a.is_word(i + 1, "association") || a.is_word(i + 1, "council"));
    if (gathering) continue;
    // "the staff car park", "a staff meeting": a place or an event of the staff's, not a member
    // of staff.
    const std::string_view next = i + 1 < n ? a.word(i + 1) : std::string_view();
    const bool staff_place =
        (c & Bit(WordClass::kStaff)) && a.is_word(i, "staff") &&
        (next == "car" || next == "room" || next == "toilet" || next == "toilets" ||
         next == "entrance" || next == "parking" || next == "kitchen" || next == "training" ||
         next == "meeting" || next == "meetings" || next == "bay" || next == "spaces" ||
         next == "gate" || next == "door" || next == "area");
    if (staff_place) continue;
    if (c & Bit(WordClass::kStaff)) {
      a.person[i] = PersonRef::kStaff;
    } else if (c & Bit(WordClass::kChild)) {
      a.person[i] = PersonRef::kChild;
    } else if (c & (Bit(WordClass::kParent) | Bit(WordClass::kFamilyAdult))) {
      a.person[i] = PersonRef::kParent;
    } else if (c & (Bit(WordClass::kPron3) | Bit(WordClass::kPron2) | Bit(WordClass::kPerson))) {
      a.person[i] = PersonRef::kPerson;
    }
  }
  // "the girl in 9P whose pics got passed round is Leah Thorlby", "a Year 11 girl ... her
  // name's Jade Oxley": a full name given as who the child in a numbered class is.
  if (a.any(WordClass::kChild) && HasNumberedClass(a)) {
    for (std::size_t i = 1; i < n; ++i) {
      if (a.person[i] != PersonRef::kNamedPerson || a.person[i - 1] == PersonRef::kNamedPerson) {
        continue;
      }
      // "... a Year 8 girl getting her head stamped on. It's Ruby Dacre": said as who it is.
      const bool its = (a.is_word(i - 1, "it's") || a.is_word(i - 1, "its")) &&
                       (a.tok(i - 1).flags & kSentenceStart);
      if (!its && !a.is_word(i - 1, "is") && !a.is_word(i - 1, "name's") &&
          !a.is_word(i - 1, "names") && !a.is_word(i - 1, "called") && !a.is_word(i - 1, "named")) {
        continue;
      }
      for (std::size_t k = i; k < n && a.person[k] == PersonRef::kNamedPerson; ++k) {
        a.person[k] = PersonRef::kNamedChild;
      }
      a.named_child = true;
    }
  }
  // "Ellie-Mae Hodgkiss has been sending pictures ... She's 11.": a full name with a child's
  // age identifies a child as surely as a class does.
  if (AgeGiven(a, 2, 17)) {
    for (std::size_t i = 0; i < n; ++i) {
      if (a.person[i] != PersonRef::kNamedPerson) continue;
      a.person[i] = PersonRef::kNamedChild;
      a.named_child = true;
    }
  }
  // "Mrs Pinches", "Mr Stabb": a cue word that is someone's name is no cue.
  std::erase_if(a.matches.signals, [&](const SignalHit& hit) {
    const PersonRef p = a.person[hit.first_token];
    return hit.first_token == hit.last_token &&
           (p == PersonRef::kNamedStaff || p == PersonRef::kNamedPerson ||
            p == PersonRef::kNamedChild) &&
           (a.tok(hit.first_token).flags & kCapitalised);
  });
  for (const SignalHit& hit : a.matches.signals) {
    a.signal_weight[static_cast<int>(hit.signal)] += hit.weight;
  }
  a.IndexSignals();
  a.ComputeTargets();
}

// ---------------------------------------------------------------------------------------------
// Who an insulting word or phrase at tokens [first, last] is aimed at, or kNone when it is not
// aimed at anyone ("the app is useless" is a complaint, "the head is useless" an insult).
bool IsPossessivePronoun(std::string_view w) {
  return w == "your" || w == "ur" || w == "yer" || w == "his" || w == "her" || w == "their";
}

// "with parents", "towards the children": the word at `k` is the object of a preposition.
bool AfterPreposition(const Analysis& a, std::size_t k, std::size_t from) {
  std::size_t p = k;
  // "at the office", "with our son", "at Our Lady's": a determiner or possessive between.
  if (p > from && (a.is(p - 1, WordClass::kDeterminer) || IsPossessivePronoun(a.word(p - 1)) ||
                   a.is_word(p - 1, "our") || a.is_word(p - 1, "my"))) {
    --p;
  }
  if (p == from) return false;
  const std::string_view w = a.word(p - 1);
  return w == "with" || w == "to" || w == "towards" || w == "for" || w == "about" ||
         w == "around" || w == "at";
}

// Other languages' "is" after a member of staff: Polish "to" ("ta nauczycielka to idiotka"),
// Czech and Slovak "je" ("pani riaditelka je neschopna"), Polish "jest", Romanian "este" and
// Bulgarian "e". The word is a copula there when a word for a member of staff comes just before.
bool ForeignCopula(const Analysis& a, std::size_t k, const Sentence& s) {
  const std::string_view verb = a.word(k);
  if (verb != "to" && verb != "je" && verb != "jest" && verb != "este" && verb != "e" &&
      verb != "su" && verb != "jsou" && verb != "sunt") {
    return false;
  }
  for (std::size_t i = k; i-- > s.first && k - i <= 4;) {
    const std::string_view w = a.word(i);
    if (w.starts_with("nauczyciel") || w.starts_with("dyrektor") || w.starts_with("wychowawc") ||
        w == "pani" || w == "pan" || a.is(i, WordClass::kStaff)) {
      return true;
    }
  }
  return false;
}

namespace {

// Urdu, Punjabi, Hindi and Gujarati forms of "is" and "are", which close a clause.
bool IsVerbLastCopula(std::string_view w) {
  return w == "hai" || w == "hain" || w == "hay" || w == "ne" || w == "ae" || w == "han" ||
         w == "chhe" || w == "che";
}

// "walker", "groomers", "sitter": a word for someone who does something, made from a verb with
// "-er", and not one of the common words that merely end the same way ("never", "other").
bool WorksWith(std::string_view w) {
  if (w.size() <= 4 || !(w.ends_with("er") || w.ends_with("ers"))) return false;
  for (std::string_view not_agent : {"never", "either", "neither", "whether", "rather", "other",
                                     "after", "later", "under", "over", "forever", "together"}) {
    if (w == not_agent) return false;
  }
  return true;
}

// "you absolute cow", "you silly old goat": the word called at the reader, whatever animals
// or nativity parts the comment mentions too.
bool CalledYou(const Analysis& a, std::size_t i) {
  std::size_t d = i;
  while (d > 0 && i - d < 3 &&
         (a.is(d - 1, WordClass::kIntensifier) || a.is(d - 1, WordClass::kNegativeAdj) ||
          a.is_word(d - 1, "old") || a.is_word(d - 1, "little"))) {
    --d;
  }
  return d > 0 && a.is_word(d - 1, "you");
}

// "the animals are slaughtered", "the dragons at the parade": a noun after "the" that is the
// subject of what follows is the thing talked about, not a name for anyone.
bool TalkedAbout(const Analysis& a, std::size_t i) {
  if (i == 0 || !a.is_word(i - 1, "the") || i + 1 >= a.size()) return false;
  for (std::string_view w : {"are", "were", "is", "was", "will", "had", "have", "got", "get",
                             "at", "in", "on", "from", "for", "go", "went", "come", "came"}) {
    if (a.is_word(i + 1, w)) return true;
  }
  return false;
}

// A hashtag that calls for someone to go: "#SackMrsHale", "#HaleMustGo" (2); "#PendleburyOut"
// (1: "#FamilyDayOut" is written the same way, so it needs another cue beside it).
int RemovalHashtagWeight(std::string_view tag) {
  const std::string lower = LowerCopy(tag);
  if ((lower.starts_with("sack") && lower.size() > 6) || lower.ends_with("mustgo") ||
      lower.ends_with("resign") || lower.ends_with("mustbesacked")) {
    return 2;
  }
  // "...Out" after a lower-case letter: a name run together with "Out".
  if (tag.size() > 5 && tag.ends_with("Out") &&
      std::islower(static_cast<unsigned char>(tag[tag.size() - 4]))) {
    return 1;
  }
  return 0;
}

}  // namespace

// A verb that takes a singular subject before it: "(the old fool) has", "... thinks".
bool IsSubjectVerb(std::string_view w) {
  return w == "has" || w == "is" || w == "was" || w == "should" || w == "needs" || w == "wants" ||
         w == "thinks" || w == "keeps" || w == "doesn't" || w == "doesnt" || w == "can't" ||
         w == "cant" || w == "won't" || w == "wont" || w == "looks" || w == "acts" ||
         w == "reckons" || w == "swans" || w == "struts";
}

Target InsultTarget(const Analysis& a, std::size_t first, std::size_t last, bool name_called) {
  const std::size_t n = a.size();
  const Sentence& s = a.sentence_of(first);
  // "Principal saab taan pure gadhe ne": in Urdu and Punjabi the verb comes last, after the
  // name someone is called, and the person it is said of opens the clause.
  // "hay" is also English ("awful hay fever"): as "hai" it closes the clause.
  const bool verb_last =
      last + 1 < s.last && IsVerbLastCopula(a.word(last + 1)) &&
      (!a.is_word(last + 1, "hay") || last + 2 == s.last || (a.tok(last + 1).flags & kPauseAfter));
  if (verb_last) {
    for (std::size_t k = first; k-- > s.first && first - k <= 6;) {
      if (a.IsPersonRef(k) && !a.is(k, WordClass::kFirstPerson)) return a.TargetIn(k, k);
    }
  }
  auto skippable = [&](std::size_t i) {
    const std::uint64_t c = a.tok(i).classes;
    if (c & (Bit(WordClass::kDeterminer) | Bit(WordClass::kIntensifier) |
             Bit(WordClass::kNegativeAdj) | Bit(WordClass::kInsultNoun) |
             Bit(WordClass::kCollective))) {
      return !(c & (Bit(WordClass::kPron2) | Bit(WordClass::kCopula)));
    }
    const std::string_view w = a.word(i);
    return w == "and" || w == "little" || w == "old" || w == "most" || w == "big" ||
           w == "more" || w == "of" || w == "such" || w == "one" || w == "as" || w == "all" ||
           w == "both" || w == "just" || w == "so" || w == "too" || w == "also" || w == "still";
  };
  // Back over "a lazy, arrogant", "the meanest, most pompous", and up to two adjectives the
  // lists do not know ("a trashy cow", "a selfish prick") when a determiner comes before them.
  std::size_t j = first;
  while (j > s.first) {
    if (skippable(j - 1)) {
      --j;
      continue;
    }
    // Unknown words count only between known insulting words or after a determiner:
    // "a rude, snotty piece of work".
    std::size_t k = j - 1;
    int unknown = 0;
    while (k > s.first && unknown < 2 && a.tok(k).classes == 0) {
      --k;
      ++unknown;
    }
    if (unknown > 0 && skippable(k)) {
      j = k;
      continue;
    }
    break;
  }
  // "..., snobby cow": an insult closing a sentence after a comma is said of the sentence's
  // person.
  if (j > s.first && (a.tok(j - 1).flags & kPauseAfter) && last + 1 == s.last) {
    const Target t = a.SentenceTarget(s);
    if (t != Target::kNone) return t;
  }
  if (j > s.first) {
    const std::size_t before = j - 1;
    // "made to feel like a criminal", "treated like idiots": how the writer or their child was
    // made to feel, not a name for anyone.
    if (a.is_word(before, "like") && before > s.first) {
      const std::string_view verb = a.word(before - 1);
      if (verb == "feel" || verb == "felt" || verb == "feels" || verb == "feeling" ||
          verb == "treated" || verb == "treat" || verb == "treating" || verb == "treats") {
        return Target::kNone;
      }
    }
    // "Mr X stood around like a useless lump": a simile for the sentence's person.
    if (a.is_word(before, "like")) {
      for (std::size_t k = before; k-- > s.first;) {
        if (a.IsPersonRef(k) && !a.is(k, WordClass::kFirstPerson)) return a.TargetIn(k, k);
      }
    }
    // "Mrs P ugly old hag": the insult set straight after a named person.
    if (a.person[before] == PersonRef::kNamedStaff || a.person[before] == PersonRef::kNamedPerson) {
      return a.TargetIn(before, before);
    }
    // "fairclough is a fat lazy slob", "Villiers is a massive prick": a lone unknown word as the
    // subject of "is a <insult>" is a name (a surname alone, or written in lower case).
    if (a.is(before, WordClass::kCopula) && before == s.first + 1 && a.tok(s.first).classes == 0 &&
        (name_called || a.is(first, WordClass::kInsultNoun)) &&
        !(a.tok(s.first).flags & kNumber) &&
        !OftenNamesAThing(a.word(first))) {
      return Target::kPerson;
    }
    // "The head's a proper wasteman": "'s a" is "is a", not a possessive.
    if ((a.tok(before).flags & kPossessive) && a.IsPersonRef(before) &&
        (a.is_word(j, "a") || a.is_word(j, "an"))) {
      return a.TargetIn(before, before);
    }
    // "you idiot", "you total muppet", "you lot are clowns"
    if (a.is(before, WordClass::kPron2) && !a.is(before, WordClass::kCopula)) return Target::kPerson;
    if (a.is(before, WordClass::kCopula) || a.is(before, WordClass::kPron2) ||
        ForeignCopula(a, before, s)) {
      // "she's", "they're": the pronoun carries its own copula.
      if (a.IsPersonRef(before)) return a.TargetIn(before, before);
      // "Everyone thinks it's a joke": "it" or "that" is the subject, a thing, whoever came
      // before it; but in "whoever runs it is a wasteman", "it" is the object of a verb.
      const bool it_opens =
          before > s.first && (a.is_word(before - 1, "it") || a.is_word(before - 1, "that")) &&
          (before - 1 == s.first || a.is_word(before - 2, "and") || a.is_word(before - 2, "but") ||
           a.is_word(before - 2, "so") || a.is_word(before - 2, "thinks") ||
           a.is_word(before - 2, "think") || a.is_word(before - 2, "honestly"));
      if (a.is_word(before, "it's") || a.is_word(before, "its") || a.is_word(before, "that's") ||
          a.is_word(before, "thats") || it_opens) {
        return Target::kNone;
      }
      // "Charging parents for resits is a disgrace": an activity is the subject, not the people
      // it involves.
      const std::string_view opener = a.word(s.first);
      if (opener.size() > 4 && opener.ends_with("ing") && a.tok(s.first).classes == 0) {
        return Target::kNone;
      }
      // "The way you speak to parents is a disgrace": the manner is the subject.
      if (s.first + 1 < before && opener == "the" && a.is_word(s.first + 1, "way")) {
        return Target::kNone;
      }
      const bool noun_called = a.is(first, WordClass::kInsultNoun);
      // The subject: a person before the copula in the same sentence.
      // "The staff at this place are ...": a person anywhere before wins over the school.
      std::size_t from = before >= s.first + 8 ? before - 8 : s.first;
      // "The mum with the double buggy who screams at the gate is ...": the person comes before
      // the clause that describes them, so the look-back reaches past "who".
      for (std::size_t k = from; k < before; ++k) {
        if (a.is_word(k, "who")) {
          from = k >= s.first + 6 ? k - 6 : s.first;
          break;
        }
      }
      bool school = false;
      for (std::size_t k = before; k-- > from;) {
        // "Your communication is a disgrace", "his handling of it is a joke": called a name,
        // the subject is what the possessive owns, a thing, when no person word came between.
        // Opening the sentence or just before the verb, the possessive starts the subject;
        // further back it is inside it ("the woman who takes her kids in her dressing gown").
        if (k + 1 < before && noun_called && IsPossessivePronoun(a.word(k)) &&
            (k == s.first || before - k <= 3)) {
          return Target::kNone;
        }
        // "... with parents is a disgrace": a person after a preposition is not the subject.
        if (a.IsPersonRef(k) && AfterPreposition(a, k, from)) continue;
        if (a.IsPersonRef(k) && !a.is(k, WordClass::kFirstPerson)) return a.TargetIn(k, k);
        // "Year 9 at this school are ...": a year group is its pupils.
        if (a.is(k, WordClass::kClassWord) && k + 1 < before && (a.tok(k + 1).flags & kNumber)) {
          // "Year 7 has been a nightmare": a year of school in the singular is the time, not
          // its pupils, when the word as often names a thing.
          const bool plural = a.is_word(before, "are") || a.is_word(before, "were");
          if (OftenNamesAThing(a.word(first)) && !plural) return Target::kNone;
          return Target::kPupil;
        }
        school = school || a.is(k, WordClass::kSchool);
      }
      if (school) return Target::kSchool;
      // A question with no subject before the verb ("when is that clueless idiot Mrs X going
      // to..."): the person may come after the insult instead. Otherwise the subject was a thing
      // ("the toilets are disgusting").
      const bool asked = before == s.first || a.is(before - 1, WordClass::kQuestionWord);
      if (!asked) return Target::kNone;
    }
  }
  // "the spineless coward he always was", "the bully she is": the person follows the insult.
  if (last + 2 < s.last && a.is(last + 1, WordClass::kPron3)) {
    std::size_t verb = last + 2;
    if (verb + 1 < s.last && (a.is_word(verb, "always") || a.is_word(verb, "really") ||
                              a.is_word(verb, "still") || a.is_word(verb, "truly"))) {
      ++verb;
    }
    // The verb closes the clause: "the bully they were describing" is someone else.
    const bool closes = verb + 1 == s.last || (a.tok(verb).flags & kPauseAfter);
    if (closes && (a.is_word(verb, "is") || a.is_word(verb, "was") || a.is_word(verb, "are") ||
                   a.is_word(verb, "were"))) {
      return a.TargetIn(last + 1, last + 1);
    }
  }
  // "Useless prats, the lot of you", "clowns the lot of them".
  if (last + 4 < n && a.is_word(last + 1, "the") && a.is_word(last + 2, "lot") &&
      a.is_word(last + 3, "of") &&
      (a.is_word(last + 4, "you") || a.is_word(last + 4, "them") || a.is_word(last + 4, "em"))) {
    return a.target_all != Target::kNone ? a.target_all : Target::kPerson;
  }
  // "disgrace of a head", "clown of a PE teacher"
  if (last + 2 < n && a.is_word(last + 1, "of") && a.is(last + 2, WordClass::kDeterminer)) {
    for (std::size_t k = last + 3; k < std::min(n, last + 6); ++k) {
      if (a.IsPersonRef(k)) return a.TargetIn(k, k);
    }
  }
  // "sad little man", "useless teachers", "lazy parents"
  std::size_t k = last + 1;
  while (k < s.last && k < n &&
         (a.is(k, WordClass::kNegativeAdj) || a.is_word(k, "little") || a.is_word(k, "old"))) {
    ++k;
  }
  if (k < s.last && k < n && a.IsPersonRef(k) && !a.is(k, WordClass::kPron3) &&
      !a.is(k, WordClass::kPron2) && !a.is(k, WordClass::kFirstPerson)) {
    return a.TargetIn(k, k);
  }
  // "gormless lot in that office", "a useless bunch": a group of people, unless "lot" is an
  // amount ("an awful lot of", "a terrible lot").
  if (k < s.last && k < n && k > last && (a.is_word(k, "lot") || a.is_word(k, "bunch")) &&
      !a.is_word(k + 1, "of") && !a.is_word(first, "awful") && !a.is_word(first, "terrible") &&
      !a.is_word(first, "dreadful") && !a.is_word(first, "horrible") &&
      !(first > s.first && a.is_word(first - 1, "an"))) {
    return a.target_all != Target::kNone ? a.target_all : Target::kPerson;
  }
  // "Yeh teacher bilkul jhoota hai": in romanised Urdu the verb comes last, so the person said to
  // be the insult comes before it.
  if (last + 1 < n && (a.is_word(last + 1, "hai") || a.is_word(last + 1, "hain") ||
                       a.is_word(last + 1, "ho"))) {
    for (std::size_t p = j; p-- > s.first && p + 6 >= j;) {
      if (a.IsPersonRef(p) && !a.is(p, WordClass::kFirstPerson)) return a.TargetIn(p, p);
    }
  }
  // "What a prat the new deputy is", "what a clown he is": the exclamation names its person after
  // the insult. "wat" and "wot" are how some write it.
  const bool what = a.is_word(j, "what") || a.is_word(j, "wat") || a.is_word(j, "wot");
  if (j == s.first && what) {
    for (std::size_t p = last + 1; p < s.last && p <= last + 7; ++p) {
      if (a.IsPersonRef(p) && !a.is(p, WordClass::kFirstPerson)) return a.TargetIn(p, p);
    }
  }
  // "Doddery old fool has no business chairing the governors": an insult opening its sentence as
  // the subject of a verb is a name for someone.
  // So is one opening a clause after a comma ("..., snobby cow looks down her nose at us").
  // Only the last few words before it are read: each insult word looks back a bounded way.
  std::size_t clause = s.first;
  for (std::size_t p = first; p-- > s.first && first - p <= 4;) {
    if (a.tok(p).flags & kPauseAfter) {
      clause = p + 1;
      break;
    }
  }
  if (a.is(last, WordClass::kInsultNoun) && last + 1 < s.last && first - clause <= 3 &&
      !OftenNamesAThing(a.word(last))) {
    bool opens = IsSubjectVerb(a.word(last + 1));
    for (std::size_t p = clause; p < first && opens; ++p) {
      opens = (a.tok(p).classes == 0 && !(a.tok(p).flags & kNumber)) || skippable(p);
    }
    if (opens) return Target::kPerson;
  }
  // "that snooty cow", "the idiot in the Range Rover": a noun phrase that is itself an insult
  // for a person.
  if (a.is(first, WordClass::kInsultNoun) && j < first && j >= s.first &&
      (a.is_word(j, "that") || a.is_word(j, "this") || what) &&
      !OftenNamesAThing(a.word(first))) {
    return Target::kPerson;
  }
  // A sentence of insults alone ("Clueless.", "Muppet. Total muppet.") is aimed at whoever the
  // comment is about.
  // "Absolutely pathetic." opening a complaint judges what happened; a word that also judges
  // things says nothing of a person alone.
  const std::string_view judged = a.word(last);
  const bool judges_things = first == last &&
                             (judged == "pathetic" || judged == "ridiculous" ||
                              judged == "disgraceful" || judged == "appalling" ||
                              judged == "shocking" || judged == "embarrassing" ||
                              judged == "laughable" || judged == "shambolic");
  if (s.last - s.first <= 3 && !judges_things) {
    bool only_insult = true;
    for (std::size_t i = s.first; i < s.last; ++i) only_insult = only_insult && skippable(i);
    if (only_insult) {
      Target t = a.target_all;
      if (t != Target::kNone) return t;
    }
  }
  return Target::kNone;
}

namespace {

// Words that start a phrase after a noun rather than modify it ("a moron in the red van").
bool IsFunctionWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "in",   "to",   "and",  "or",  "with", "at",   "on",   "for",   "of",   "who",  "that",
      "from", "by",   "but",  "as",  "like", "the",  "a",    "an",    "who's", "whos", "which",
      "if",   "when", "than", "then", "so",  "too",  "again", "here", "there", "now", "lol",
      // The same in the community languages: "and", "or", "with" in Romanian, Polish, Spanish
      // and romanised Urdu ("un idiot si un mincinos").
      "si",   "sau",  "cu",   "i",   "lub",  "z",    "y",    "con",   "aur",  "ya"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// The obfuscation a word used, as token flags.
std::uint8_t ObfuscationOf(const Analysis& a, const TermHit& hit) {
  std::uint32_t flags = 0;
  for (std::uint32_t t = hit.first_token; t <= hit.last_token; ++t) flags |= a.tok(t).flags;
  std::uint8_t out = 0;
  if (hit.masked || (flags & kMasked)) out |= 1;
  if (flags & kSplit) out |= 2;
  if (flags & kLeet) out |= 4;
  if (flags & kFolded) out |= 8;
  if (flags & kStretched) out |= 16;
  return out;
}

// "Dick Whittington", "Spotted Dick", "Cllr Hancock": a capitalised word beside another
// capitalised word (not at the start of a sentence) is a name, not an insult.
bool IsNameBesideNames(const Analysis& a, std::size_t i) {
  const Token& t = a.tok(i);
  if (!(t.flags & kCapitalised) || (t.flags & kAllCaps)) return false;
  if (i > 0 && a.is(i - 1, WordClass::kTitle)) return true;
  // "a sculpture called Dick", "Dick and Dora"
  if (i > 0 && (a.is_word(i - 1, "called") || a.is_word(i - 1, "named"))) return true;
  if (i + 2 < a.size() && a.is_word(i + 1, "and") && IsCap(a, i + 2)) return true;
  // "Dick on the crossing", "Fanny from the bakery": a name told apart by where the person is.
  if (i + 2 < a.size() &&
      (a.is_word(i + 1, "on") || a.is_word(i + 1, "from") || a.is_word(i + 1, "at")) &&
      (a.is_word(i + 2, "the") || a.is_word(i + 2, "number"))) {
    return true;
  }
  const bool start = (t.flags & kSentenceStart) != 0;
  const bool cap_before = i > 0 && IsCap(a, i - 1) && !(a.tok(i - 1).flags & kPauseAfter);
  const bool cap_after = i + 1 < a.size() && IsCap(a, i + 1) && !(t.flags & kPauseAfter) &&
                         !(a.tok(i + 1).flags & kAllCaps);
  return (!start && cap_before) || cap_after;
}

// IsNameBesideNames, or the same capitalised word is a name nearby in the comment: "Forty
// years Dick Pearsall has been Santa ... thank you Dick!" (Within 100 words either way, so that a
// long comment repeating the word stays linear.)
bool IsNameUse(const Analysis& a, std::size_t i) {
  if (IsNameBesideNames(a, i)) return true;
  if (!(a.tok(i).flags & kCapitalised) || (a.tok(i).flags & kAllCaps)) return false;
  for (std::size_t j = i > 100 ? i - 100 : 0; j < a.size() && j <= i + 100; ++j) {
    if (j != i && a.tok(j).word_key == a.tok(i).word_key && a.word(j) == a.word(i) &&
        IsNameBesideNames(a, j)) {
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 14> kLexiconRules = {
    "lexicon:profanity", "lexicon:insult", "lexicon:harassment", "lexicon:hate",
    "lexicon:threat", "lexicon:sexual", "lexicon:spam", "lexicon:personal_data",
    "lexicon:safeguarding", "lexicon:defamation", "lexicon:complaint", "lexicon:query",
    "lexicon:praise", "lexicon:neutral"};

}  // namespace

void DetectLexicon(const Lexicon& lexicon, Analysis& a) {
  // "wanker" also contains the stem "wank": of overlapping terms in one category, the longest
  // speaks for both. Sorted by start, longest first, a hit is inside an earlier one of its
  // category exactly when that one reaches at least as far.
  std::vector<TermHit>& hits = a.matches.terms;
  std::sort(hits.begin(), hits.end(), [](const TermHit& x, const TermHit& y) {
    if (x.first_char != y.first_char) return x.first_char < y.first_char;
    return x.last_char > y.last_char;
  });
  std::array<std::uint32_t, 14> reach{};  // per category: furthest end of a kept hit, plus one
  for (const TermHit& hit : hits) {
    const Term& term = lexicon.term(hit.term);
    std::uint32_t& furthest = reach[static_cast<int>(term.category)];
    if (furthest > 0 && furthest - 1 >= hit.last_char) continue;
    furthest = std::max(furthest, hit.last_char + 1);
    if (term.unless && a.any(*term.unless)) continue;
    if ((term.flags & kNameUse) && IsNameUse(a, hit.first_token)) continue;
    // "Mr Wankhede", "Ms Shittu": a surname after a title that merely begins with a term.
    if (hit.first_token == hit.last_token && hit.first_token > 0 &&
        a.is(hit.first_token - 1, WordClass::kTitle) &&
        (a.tok(hit.first_token).flags & kCapitalised) && !hit.masked &&
        hit.last_char - hit.first_char < a.tok(hit.first_token).last - a.tok(hit.first_token).first) {
      continue;
    }
    // "Wankie Road", "Cockington Park": a capitalised word before a street or place word.
    if ((a.tok(hit.last_token).flags & kCapitalised) && hit.last_token + 1 < a.size() &&
        a.is(hit.last_token + 1, WordClass::kStreetSuffix) &&
        (a.tok(hit.last_token + 1).flags & kCapitalised)) {
      continue;
    }
    const Sentence& s = a.sentence_of(hit.first_token);
    Target target = a.SentenceTarget(s);
    int severity = term.severity;
    if (term.flags & kNeedsTarget) {
      target = InsultTarget(a, hit.first_token, hit.last_token,
                            term.category == Category::kInsult);
      if (target == Target::kNone || target == Target::kSchool) continue;
    }
    Finding f;
    f.category = term.category;
    f.severity = severity;
    f.rule = term.custom ? std::string_view("lexicon:school") : kLexiconRules[static_cast<int>(term.category)];
    f.begin = a.norm.chars[hit.first_char].begin;
    f.end = a.norm.chars[hit.last_char - 1].end;
    f.target = target;
    f.characteristic = term.characteristic;
    f.obfuscation = ObfuscationOf(a, hit);
    a.findings.push_back(f);
    if (term.also) {
      f.category = *term.also;
      f.rule = term.custom ? std::string_view("lexicon:school") : kLexiconRules[static_cast<int>(*term.also)];
      a.findings.push_back(f);
    }
  }
}

// ---------------------------------------------------------------------------------------------

namespace {

// "Your phone policy is out of touch", "£38 for a trip is out of touch with families": the
// subject before the copula just before the idiom names no person (a possessive pronoun owns the
// subject, it is not it), so a mild idiom there criticises a thing.
bool SaidOfAThing(const Analysis& a, const SignalHit& hit) {
  const std::size_t at = hit.first_token;
  const Sentence& s = a.sentence_of(at);
  if (at <= s.first || !a.is(at - 1, WordClass::kCopula)) return false;
  // "it's time he found another job": the person is in the idiom itself.
  for (std::size_t k = at; k <= hit.last_token; ++k) {
    if (a.IsPersonRef(k)) return false;
  }
  for (std::size_t k = s.first; k + 1 < at; ++k) {
    if (a.IsPersonRef(k) && !IsPossessivePronoun(a.word(k)) &&
        !a.is(k, WordClass::kFirstPerson)) {
      return false;
    }
  }
  return at - 1 > s.first || !a.IsPersonRef(at - 1);
}

}  // namespace

void DetectInsults(Analysis& a) {
  const std::size_t n = a.size();
  int score = 0;
  bool singled_out = false;
  Target target = Target::kNone;
  std::size_t first_piece = n, last_piece = 0;
  // The last named person before token `named_scanned`, kept as i advances: asking of every
  // insult word whether its sentence named someone earlier would be quadratic in a long comment.
  std::size_t named_scanned = 0, last_named = n;
  std::size_t animal_words = 0;
  if (a.classes & kAnimalClasses) {
    for (std::size_t i = 0; i < n; ++i) animal_words += (a.tok(i).classes & kAnimalClasses) ? 1 : 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const bool noun = a.is(i, WordClass::kInsultNoun);
    const bool adj = a.is(i, WordClass::kNegativeAdj);
    if (!noun && !adj) continue;
    // A phrase of one class counts once ("waste of space").
    std::size_t k = i;
    while (k + 1 < n && a.is(k + 1, noun ? WordClass::kInsultNoun : WordClass::kNegativeAdj) &&
           !(a.tok(k).flags & kPauseAfter) && noun) {
      ++k;
    }
    // "a dinosaur expert", "a clown costume": the insult word is modifying the noun after it.
    // A participle or a verb after it starts a clause instead ("clowns running the place", "the
    // old fool thinks ...").
    const std::string_view after = k + 1 < n ? a.word(k + 1) : std::string_view();
    const bool participle = (after.size() > 4 && after.ends_with("ing")) || IsSubjectVerb(after);
    if (noun && k == i && k + 1 < n && !(a.tok(k).flags & kPauseAfter) && !participle &&
        a.tok(k + 1).classes == 0 && a.sentence_of(k + 1).first == a.sentence_of(k).first &&
        !(a.tok(k + 1).flags & (kEmojiToken | kNumber)) && !IsFunctionWord(a.word(k + 1))) {
      continue;
    }
    // "a dog walker", "the pig farmers": the animal someone works with.
    if (noun && k == i && (a.tok(i).classes & kAnimalClasses) && !(a.tok(i).flags & kPauseAfter) &&
        k + 1 < n && WorksWith(a.word(k + 1))) {
      continue;
    }
    // "a calm reading dog" next to "cocker spaniel": an animal word among animal words is the
    // animal, and in a show ("he's the donkey in the nativity") it is the part.
    if (noun && (a.tok(i).classes & kAnimalClasses) &&
        (animal_words > 1 || a.any(WordClass::kStage)) && !CalledYou(a, i)) {
      i = k;
      continue;
    }
    // "lying on the rug", "lying in bed": where someone lies, not what they say.
    if (adj && a.is_word(i, "lying") && k + 1 < n &&
        (a.is_word(k + 1, "on") || a.is_word(k + 1, "in") || a.is_word(k + 1, "down") ||
         a.is_word(k + 1, "around") || a.is_word(k + 1, "under") || a.is_word(k + 1, "flat") ||
         a.is_word(k + 1, "awake") || a.is_word(k + 1, "asleep") || a.is_word(k + 1, "beside") ||
         a.is_word(k + 1, "next") || a.is_word(k + 1, "still") || a.is_word(k + 1, "face"))) {
      i = k;
      continue;
    }
    // "the support he's entitled to": what someone has a right to, not a spoilt child.
    if (adj && a.is_word(i, "entitled") && a.is_word(k + 1, "to")) {
      i = k;
      continue;
    }
    // "So sad Miss X is leaving", "Sad to see her go": opening the sentence, a feeling word is
    // the writer's own feeling.
    if (adj && (a.is_word(i, "sad") || a.is_word(i, "gutted")) &&
        (i == a.sentence_of(i).first ||
         (i == a.sentence_of(i).first + 1 && a.is(i - 1, WordClass::kIntensifier)))) {
      continue;
    }
    // "Parents aren't stupid", "she isn't a bully": the word denied, not said of anyone.
    {
      std::size_t d = i;
      while (d > 0 && (a.is(d - 1, WordClass::kIntensifier) || a.is_word(d - 1, "a") ||
                       a.is_word(d - 1, "an"))) {
        --d;
      }
      if (d > 0) {
        const std::string_view w = a.word(d - 1);
        if (w == "not" || w == "isn't" || w == "aren't" || w == "wasn't" || w == "weren't" ||
            w == "isnt" || w == "arent" || w == "wasnt" || w == "werent" || w == "ain't" ||
            w == "aint" || w == "never") {
          i = k;
          continue;
        }
      }
    }
    Target t = InsultTarget(a, i, k);
    if (t != Target::kNone && t != Target::kSchool) {
      // "the most incompetent", "so lazy", "absolutely useless": intensified, it is an insult.
      const bool intensified = i > 0 && (a.is(i - 1, WordClass::kIntensifier) ||
                                         a.word(i).ends_with("est"));
      // "Mr Fenn is thick": a named person called stupid or lazy in public.
      for (; named_scanned < i; ++named_scanned) {
        const PersonRef p = a.person[named_scanned];
        if (p == PersonRef::kNamedStaff || p == PersonRef::kNamedPerson ||
            p == PersonRef::kNamedChild) {
          last_named = named_scanned;
        }
      }
      // "The head is a spineless coward": an adjective inside "is a ..." calls them something,
      // which goes further than "the head is spineless".
      bool name_calling = false;
      if (adj) {
        std::size_t d = i;
        while (d > 0 && (a.is(d - 1, WordClass::kNegativeAdj) || a.is(d - 1, WordClass::kIntensifier))) {
          --d;
        }
        name_calling = d >= 2 && (a.is_word(d - 1, "a") || a.is_word(d - 1, "an")) &&
                       a.is(d - 2, WordClass::kCopula);
      }
      const bool named = last_named != n && last_named >= a.sentence_of(i).first;
      score += noun || intensified || named || name_calling ? 2 : 1;
      // "that snotty cow by the gate": a private individual singled out.
      std::size_t d = i;
      while (d > 0 && (a.is(d - 1, WordClass::kNegativeAdj) || a.is_word(d - 1, "little"))) --d;
      if (noun && d > 0 && (a.is_word(d - 1, "that") || a.is_word(d - 1, "this"))) {
        singled_out = true;
      }
      if (target == Target::kNone || t == Target::kStaff) target = t;
      first_piece = std::min(first_piece, i);
      last_piece = std::max(last_piece, k);
    }
    i = k;
  }
  const int word_score = score;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kInsultIdiom && hit.signal != Signal::kInsultMild) continue;
    // "useless, every single one of them" is scorn; "proud of every single one of them" is not:
    // the phrase only strengthens an insulting word.
    if (word_score == 0 && a.is_word(hit.first_token, "every")) continue;
    if (word_score == 0 && hit.signal == Signal::kInsultMild && SaidOfAThing(a, hit)) {
      continue;
    }
    score += hit.weight;
    first_piece = std::min<std::size_t>(first_piece, hit.first_token);
    last_piece = std::max<std::size_t>(last_piece, hit.last_token);
    if (target == Target::kNone) target = a.target_all;
  }
  if (score > 0) {
    if (target == Target::kNone) target = Target::kPerson;
    a.Add(Category::kInsult, std::min(score >= 2 ? 2 + (score >= 5) : 1, 3), "insult:targeted",
          first_piece, last_piece, target);
  }

  // Harassment: a campaign against someone, mockery of how they look, abuse of a parent or a
  // child (private people on a public page), or personal data posted with intent.
  const Target anyone = a.target_all;
  Target campaign_target = anyone;
  int campaign = a.weight(Signal::kCampaign);
  std::size_t campaign_first = n, campaign_last = 0;
  if (const SignalHit* hit = a.FirstHit(Signal::kCampaign)) {
    campaign_first = hit->first_token;
    campaign_last = hit->last_token;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(a.tok(i).flags & kHashtag)) continue;
    const Token& tag = a.tok(i);
    const int weight = RemovalHashtagWeight(a.original.substr(tag.begin, tag.end - tag.begin));
    if (weight == 0) continue;
    campaign += weight;
    if (i < campaign_first) campaign_first = campaign_last = i;
    // "#NaylorOut", "#SackSmith": the tag names the person the campaign is against.
    if (campaign_target == Target::kNone) campaign_target = Target::kPerson;
  }
  if (campaign >= 2 && campaign_first < n && campaign_target != Target::kNone) {
    a.Add(Category::kHarassment, 2, "harassment:campaign", campaign_first, campaign_last,
          campaign_target);
  }
  // Mockery of how someone looks: a comparison ("looks like a ...") or laughing at their
  // appearance, about a person, in a comment with nothing kind in it.
  // "Mrs X's ankles", "her teeth": a named person's body, a cue for mockery.
  int mockery = a.weight(Signal::kMockery);
  // "the frost ... it looked like a Christmas card": a thing compared, not a person.
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kMockery || hit.first_token == 0) continue;
    // Only comparisons: "that bald patch" is a person's looks after all.
    const std::size_t cue = hit.first_token;
    if (!a.is_word(cue, "looked") && !a.is_word(cue, "looks") && !a.is_word(cue, "look") &&
        !a.is_word(cue, "looking") && !a.is_word(cue, "like")) {
      continue;
    }
    const std::size_t before = cue - 1;
    if (a.is_word(before, "it") || a.is_word(before, "it's") || a.is_word(before, "its") ||
        a.is_word(before, "that") || a.is_word(before, "this") || a.is_word(before, "which") ||
        a.is_word(before, "everything")) {
      mockery -= hit.weight;
    }
  }
  for (std::size_t i = 1; i < n; ++i) {
    // "her head of year" is a person, not a body.
    if (!a.is(i, WordClass::kBodyPart) || a.IsPersonRef(i)) continue;
    const bool owner = ((a.tok(i - 1).flags & kPossessive) && a.IsPersonRef(i - 1)) ||
                       a.is_word(i - 1, "her") || a.is_word(i - 1, "his");
    // "shouted right in his face", "said it to Mrs X's face": where, not how someone looks.
    bool where = false;
    if (a.is_word(i, "face")) {
      for (std::size_t k = i >= 4 ? i - 4 : 0; k + 1 < i; ++k) {
        where = where || a.is_word(k, "in") || a.is_word(k, "to");
      }
    }
    if (owner && !where) {
      ++mockery;
      break;
    }
  }
  // "a bruise on his back that looks like a handprint" describes an injury, not a looks.
  const bool injury = a.weight(Signal::kInjury) > 0;
  if (mockery >= 2 && anyone != Target::kNone && a.weight(Signal::kPraise) == 0 && !injury) {
    bool positive = false;
    for (std::size_t i = 0; i < n; ++i) {
      // "Have some pride, love": a word of address closing a put-down is not warmth.
      const bool address = a.is_word(i, "love") && i + 1 == a.sentence_of(i).last &&
                           i > 0 && !a.is(i - 1, WordClass::kFirstPerson) &&
                           !a.is(i - 1, WordClass::kPron3) && !a.is(i - 1, WordClass::kPron2);
      positive = positive || (a.is(i, WordClass::kPositive) && !address);
    }
    const SignalHit* hit = a.FirstHit(Signal::kMockery);
    // "mine has a bald patch now", "my daughter has a bald patch": a parent describing their
    // own child's state, just before the cue with no one else between, is worried, not mocking.
    bool own_child = false;
    if (hit) {
      const std::size_t from = std::max<std::size_t>(a.sentence_of(hit->first_token).first,
                                                     hit->first_token >= 5 ? hit->first_token - 5 : 0);
      for (std::size_t i = hit->first_token; i-- > from;) {
        if (a.is_word(i, "mine") || ((a.is_word(i, "my") || a.is_word(i, "our")) &&
                                     a.is(i + 1, WordClass::kChild))) {
          own_child = true;
          break;
        }
        if (a.IsPersonRef(i) && !a.is(i, WordClass::kChild)) break;
      }
    }
    if (!positive && !own_child && hit && a.weight(Signal::kMockery) >= 1) {
      const Sentence& s = a.sentence_of(hit->first_token);
      Target t = a.SentenceTarget(s);
      if (t == Target::kNone) t = anyone;
      a.Add(Category::kHarassment, 2, "harassment:mockery", hit->first_token, s.last - 1, t);
      a.Add(Category::kInsult, 2, "insult:mockery", hit->first_token, s.last - 1, t);
    }
  }
  bool private_target = false;
  for (const Finding& f : a.findings) {
    // An insult aimed at them; a swear word in a sentence that mentions parents is not.
    if (f.category == Category::kInsult && f.severity >= 2 &&
        (f.target == Target::kParent || f.target == Target::kPupil)) {
      private_target = true;
    }
  }
  // Contact details or an address posted so that people "have a word". A weak cue ("someone
  // go and have a word with him") is also how a parent asks the school to act, so it counts
  // only beside the personal data.
  const int exposure = a.weight(Signal::kExposure);
  if (const SignalHit* hit = a.FirstHit(Signal::kExposure);
      hit && !a.Has(Category::kHarassment) &&
      ((exposure >= 2 && anyone != Target::kNone) ||
       (exposure >= 1 && a.Has(Category::kPersonalData)))) {
    a.Add(Category::kHarassment, 2, "harassment:exposure", hit->first_token, hit->last_token,
          anyone == Target::kNone ? Target::kPerson : anyone);
  }
  // A person's address or number posted with an accusation or abuse.
  bool contact = false;
  for (const Finding& f : a.findings) {
    contact = contact || (f.category == Category::kPersonalData && f.severity >= 2 &&
                          (f.exposure == Exposure::kAddress || f.exposure == Exposure::kPhone ||
                           f.exposure == Exposure::kVehicle ||
                           f.exposure == Exposure::kEmail || f.exposure == Exposure::kAccount));
  }
  if (contact && !a.Has(Category::kHarassment) &&
      (a.weight(Signal::kAllegation) > 0 || score > 0 || a.weight(Signal::kCampaign) > 0)) {
    a.Add(Category::kHarassment, 2, "harassment:exposure", 0, n - 1,
          anyone == Target::kNone ? Target::kPerson : anyone);
  }
  if ((private_target || singled_out) && !a.Has(Category::kHarassment)) {
    a.Add(Category::kHarassment, 2, "harassment:private-person", 0, n - 1,
          anyone == Target::kStaff ? Target::kPerson : anyone);
  }
}

// ---------------------------------------------------------------------------------------------

namespace {

// Whether token i names a group of people by a protected characteristic: "Muslims", "black
// kids", "Polish parents", "people like that". Adjectives need a person noun after them.
bool IsGroupMention(const Analysis& a, std::size_t i) {
  if (!(a.tok(i).classes & kAnyGroup)) return false;
  // "my autistic son", "our Muslim neighbours": the writer's own family or friends, one they
  // speak for, not a group spoken about.
  if (i >= 1 && (a.is_word(i - 1, "my") || a.is_word(i - 1, "our"))) return false;
  // "a female dog", "black birds": the word describes an animal.
  if (i + 1 < a.size() && (a.tok(i + 1).classes & kAnimalClasses)) return false;
  // "the girls' changing rooms", "the boys' toilets": a school's facilities, named for who uses
  // them.
  if (a.is(i, WordClass::kGroupSex) && a.tok(i).end < a.original.size() &&
      (a.original[a.tok(i).end] == '\'' || a.original.substr(a.tok(i).end, 3) == "\u2019")) {
    return false;
  }
  // The same without the apostrophe: "the girls changing room", "the boys toilets".
  if (a.is(i, WordClass::kGroupSex) && i + 1 < a.size()) {
    const std::string_view next = a.word(i + 1);
    if (next == "changing" || next == "toilets" || next == "toilet" || next == "loos" ||
        next == "showers" || next == "cloakroom" || next == "cloakrooms" || next == "dorm" ||
        next == "dorms" || next == "entrance" || next == "playground") {
      return false;
    }
  }
  if (!a.is(i, WordClass::kGroupAdjective)) return true;  // a noun: "muslims", "immigrants"
  constexpr std::uint64_t kPeople = Bit(WordClass::kPerson) | Bit(WordClass::kChild) |
                                    Bit(WordClass::kParent) | Bit(WordClass::kStaff);
  // "a lesbian", "a Muslim": the adjective used as a noun for one person.
  if (i >= 1 && (a.is_word(i - 1, "a") || a.is_word(i - 1, "an")) &&
      (i + 1 >= a.size() || !(a.tok(i + 1).classes & kPeople))) {
    return true;
  }
  // "kids with special needs", "children who are disabled"
  if (i >= 2 && (a.is_word(i - 1, "with") || a.is_word(i - 1, "are")) &&
      (a.tok(i - 2).classes & kPeople)) {
    return true;
  }
  if (i >= 3 && a.is_word(i - 1, "are") && a.is_word(i - 2, "who") && (a.tok(i - 3).classes & kPeople)) {
    return true;
  }
  // "the girl who says she's gay": the adjective said of a person.
  if (i >= 1 && (a.is_word(i - 1, "she's") || a.is_word(i - 1, "he's") ||
                 a.is_word(i - 1, "they're") || a.is_word(i - 1, "shes") ||
                 a.is_word(i - 1, "hes") || a.is_word(i - 1, "theyre"))) {
    return true;
  }
  // "the new governors are all Jewish", "they're all Polish": the adjective said of a whole set
  // of people at once.
  if (i >= 2 && a.is_word(i - 1, "all") &&
      (a.is_word(i - 2, "are") || a.is_word(i - 2, "were") || a.is_word(i - 2, "they're") ||
       a.is_word(i - 2, "theyre"))) {
    return true;
  }
  // "the autistic ones", "the disabled lot": the adjective with a word standing in for people.
  if (i + 1 < a.size() && (a.is_word(i + 1, "ones") || a.is_word(i + 1, "lot"))) return true;
  // "Romanian pickpockets", "Polish scroungers": the adjective naming people by the insult.
  // Not "old witch": an insult with an age in it is one person's (DetectHate's age rule).
  if (a.is(i + 1, WordClass::kInsultNoun) && !a.is(i, WordClass::kGroupAge)) return true;
  for (std::size_t k = i + 1; k < a.size() && k <= i + 2; ++k) {
    if (a.tok(k).classes & kPeople) return true;
    if (a.tok(i).flags & kPauseAfter) break;
  }
  return false;
}

}  // namespace

namespace {

// A man in a dress or a wig on stage is the panto dame, not a sneer at a trans person.
bool CostumeOnStage(const Analysis& a, const SignalHit& hit) {
  if (!a.any(WordClass::kStage)) return false;
  for (std::size_t i = hit.first_token; i <= hit.last_token; ++i) {
    if (a.is(i, WordClass::kCostume)) return true;
  }
  return false;
}

// "send the Somalis back", "deport all the Albanians", "kick those Roma out", "send the turban
// lot back": the group named between a verb of expelling and "back", "home" or "out".
bool Expelled(const Analysis& a, std::size_t group) {
  const std::size_t n = a.size();
  std::size_t after = group + 1;
  if (after < n && (a.is_word(after, "lot") || a.is_word(after, "ones"))) ++after;
  if (after >= n || !(a.is_word(after, "back") || a.is_word(after, "home") ||
                      a.is_word(after, "out") || a.is_word(after, "all"))) {
    return false;
  }
  for (std::size_t k = group; k-- > 0 && group - k <= 3;) {
    const std::string_view w = a.word(k);
    if (w == "send" || w == "deport" || w == "kick" || w == "ship" || w == "boot" ||
        w == "throw" || w == "chuck" || w == "sending" || w == "deporting") {
      return true;
    }
    if (w != "the" && w != "all" && w != "these" && w != "those" && w != "them") return false;
  }
  return false;
}

}  // namespace

void DetectHate(Analysis& a) {
  const std::size_t n = a.size();
  if (!(a.classes & kAnyGroup) && a.weight(Signal::kHateStatement) == 0 &&
      a.weight(Signal::kHateAge) == 0) {
    return;
  }
  // An evaluative word after a determiner describes a thing, not the group: "the Polish families
  // got the wrong letter", "a sick joke". Prefix sums of those hits' weights by token, so that
  // each sentence subtracts its own in constant time.
  std::vector<int> attributive(n + 1, 0);
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kNegativeEval || hit.first_token == 0) continue;
    const std::size_t before = hit.first_token - 1;
    if (a.is_word(before, "the") || a.is_word(before, "a") || a.is_word(before, "an")) {
      attributive[hit.first_token + 1] += hit.weight;
    }
  }
  for (std::size_t i = 0; i < n; ++i) attributive[i + 1] += attributive[i];
  auto evaluation_in = [&](std::size_t first, std::size_t last) {
    return a.WeightIn(Signal::kNegativeEval, first, last) -
           (attributive[last + 1] - attributive[first]);
  };
  // "Why a prayer room for the Muslims? Not in my country": a strong exclusion in one sentence
  // about a group named in the next.
  std::size_t any_group = n;
  for (std::size_t i = 0; i < n && any_group == n; ++i) {
    if (IsGroupMention(a, i)) any_group = i;
  }
  for (const Sentence& s : a.norm.sentences) {
    std::size_t group = n;
    for (std::size_t i = s.first; i < s.last; ++i) {
      if (IsGroupMention(a, i)) {
        group = i;
        break;
      }
    }
    if (group == n) continue;
    const int exclusion =
        a.WeightIn(Signal::kHateExclusion, s.first, s.last - 1) + (Expelled(a, group) ? 3 : 0);
    // Evaluative negatives said after the group is named: "a fad", "has no place", "look
    // ridiculous". Before it they are usually about something else.
    const int evaluation = evaluation_in(group, s.last - 1);
    const int general = a.WeightIn(Signal::kHateGeneralisation, s.first, s.last - 1) + evaluation;
    // "Roma families are thieves", "robots the lot of them": the group, then an insult.
    // Both inside one quotation ("saw 'No Blacks, No Irish, No Dogs' signs") is words reported,
    // not said.
    // "Eid Mubarak everyone, apart from the muppets who park on the kerb": after "apart from" or
    // "except" the insult is for those set apart from the group.
    bool insulted = false;
    const bool group_quoted = a.tok(group).flags & kQuoted;
    for (std::size_t i = group + 1; i < s.last && i <= group + 10; ++i) {
      if ((a.is_word(i, "from") && a.is_word(i - 1, "apart")) || a.is_word(i, "except") ||
          a.is_word(i, "excluding")) {
        break;
      }
      insulted = insulted || ((a.is(i, WordClass::kInsultNoun) || a.is(i, WordClass::kNegativeAdj)) &&
                              !TalkedAbout(a, i) && !(group_quoted && (a.tok(i).flags & kQuoted)));
    }
    if (exclusion + general + (insulted ? 2 : 0) >= 2) {
      Finding f;
      f.category = Category::kHate;
      f.severity = 3;
      f.rule = exclusion ? "hate:exclusion" : "hate:generalisation";
      auto [b, e] = a.Span(s.first, s.last - 1);
      f.begin = b;
      f.end = e;
      f.target = Target::kGroup;
      f.characteristic = CharacteristicOfGroupBits(a.tok(group).classes);
      a.findings.push_back(f);
    }
  }
  const int comment_hate = a.weight(Signal::kHateExclusion) + a.weight(Signal::kHateGeneralisation) +
                           (any_group < n ? evaluation_in(any_group, n - 1) : 0);
  if (!a.Has(Category::kHate) && any_group < n &&
      (a.weight(Signal::kHateExclusion) >= 3 || comment_hate >= 4)) {
    const SignalHit* hit = a.FirstHit(Signal::kHateExclusion);
    if (!hit) hit = a.FirstHit(Signal::kHateGeneralisation);
    if (!hit) hit = a.FirstHit(Signal::kNegativeEval);
    Finding f;
    f.category = Category::kHate;
    f.severity = 3;
    f.rule = "hate:exclusion";
    auto [b, e] = a.Span(std::min<std::size_t>(any_group, hit->first_token),
                         std::max<std::size_t>(any_group, hit->last_token));
    f.begin = b;
    f.end = e;
    f.target = Target::kGroup;
    f.characteristic = CharacteristicOfGroupBits(a.tok(any_group).classes);
    a.findings.push_back(f);
  }
  // Statements that exclude people without naming a group ("this country is for us, not them").
  if (const SignalHit* hit = a.FirstHit(Signal::kHateStatement);
      hit && a.weight(Signal::kHateStatement) >= 2 && !a.Has(Category::kHate) &&
      !CostumeOnStage(a, *hit)) {
    Finding f;
    f.category = Category::kHate;
    f.severity = 3;
    f.rule = "hate:statement";
    auto [b, e] = a.Span(hit->first_token, hit->last_token);
    f.begin = b;
    f.end = e;
    f.target = Target::kGroup;
    f.characteristic = CharacteristicOfGroupBits(a.classes);
    if (f.characteristic == Characteristic::kNone) f.characteristic = Characteristic::kReligion;
    a.findings.push_back(f);
  }
  // Age: "too old to teach", "an old dinosaur", about a person. "Past it, should retire" says
  // no more than that someone no longer does the job well: an insult for a person to look at.
  // ("So sad Mrs Holt is retiring, she should retire proud" is a farewell.)
  const SignalHit* hit = a.FirstHit(Signal::kHateAge);
  const int age = a.weight(Signal::kHateAge);
  const bool fond = a.weight(Signal::kPraise) > 0 || a.any(WordClass::kPositive);
  if (hit && (age >= 2 || !fond) && n && a.target_all != Target::kNone) {
    bool aged = false;
    for (const SignalHit& h : a.matches.signals) {
      if (h.signal != Signal::kHateAge || h.weight < 2) continue;
      if (!aged) hit = &h;  // the span shows the words about age
      aged = true;
    }
    Finding f;
    f.category = aged ? Category::kHate : Category::kInsult;
    f.severity = aged ? 2 : 1;
    f.rule = aged ? "hate:age" : "insult:past-it";
    auto [b, e] = a.Span(hit->first_token, hit->last_token);
    f.begin = b;
    f.end = e;
    f.target = a.target_all;
    if (aged) f.characteristic = Characteristic::kAge;
    a.findings.push_back(f);
  }
}

// ---------------------------------------------------------------------------------------------

namespace {

// Violence against someone or something: the verb's object is a person, a body part or
// property ("break your jaw", "smash all the windows"), or the verb carries a particle ("knocked
// out", "beat me up"). "Smash it" and "kill it" are praise.
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The token violence is aimed at: the verb's object is a person, a body part or property
// ("break your jaw", "smash all the windows"), or the verb carries a particle ("knock him out",
// "burn it down"), or is passive ("she'll get smacked"). Returns the object's index, the
// verb's for a passive, or kNone. "Smash it" and "kill it" are praise; "beat me up" is the writer
// reporting a threat, not making one.
std::size_t ViolentObject(const Analysis& a, std::size_t verb, std::size_t end) {
  constexpr std::uint64_t kObjects = Bit(WordClass::kObject) | Bit(WordClass::kBodyPart) |
                                     Bit(WordClass::kProperty) | Bit(WordClass::kStaff) |
                                     Bit(WordClass::kChild) | Bit(WordClass::kParent) |
                                     Bit(WordClass::kPerson) | Bit(WordClass::kTitle) |
                                     Bit(WordClass::kPron2) | Bit(WordClass::kSchool);
  const std::string_view v = a.word(verb);
  // Arson needs no person: "torch that portacabin", "burn the place down".
  const bool arson = v.rfind("torch", 0) == 0 || v.rfind("firebomb", 0) == 0 || v == "petrol";
  // "We'll beat them on Saturday" is sport: beating, thrashing and smashing a bare "them" or
  // "you" is a threat only with a particle or a body part ("beat him up", "smash his face").
  const bool sporting = v.rfind("beat", 0) == 0 || v.rfind("smash", 0) == 0 ||
                        v.rfind("batter", 0) == 0 || v.rfind("kill", 0) == 0;
  const bool phrasal = v.rfind("knock", 0) == 0 || v.rfind("beat", 0) == 0 ||
                       v.rfind("burn", 0) == 0 || v.rfind("kick", 0) == 0 ||
                       v.rfind("smash", 0) == 0 || v.rfind("bash", 0) == 0 ||
                       v.rfind("bat", 0) == 0 || v == "do" || v == "done";
  std::size_t k = verb + 1;
  // Past determiners, possessives and swearing: "smash all the windows", "break your bloody nose".
  while (k < end && (a.is(k, WordClass::kDeterminer) || a.is(k, WordClass::kIntensifier) ||
                     a.is_word(k, "his") || a.is_word(k, "their") || a.is_word(k, "my") ||
                     a.is_word(k, "every") || a.is_word(k, "all") || a.is_word(k, "fucking"))) {
    ++k;
  }
  if (k < end) {
    if (a.is_word(k, "it") || a.is_word(k, "me")) return kNone;
    if (sporting && (a.is_word(k, "them") || a.is_word(k, "you") || a.is_word(k, "us"))) {
      const bool particle = k + 1 < end && (a.is_word(k + 1, "up") || a.is_word(k + 1, "in") ||
                                            a.is_word(k + 1, "senseless"));
      return particle ? k : kNone;
    }
    if (arson && k > verb + 1) return k;
    if (a.tok(k).classes & kObjects) return k;
    if (a.person[k] != PersonRef::kNone) return k;
    if (phrasal && (a.is_word(k, "out") || a.is_word(k, "up") || a.is_word(k, "down") ||
                    a.is_word(k, "in"))) {
      return verb;
    }
  }
  // Passive: "she'll get smacked", "he's getting battered". Not "someone will get hurt",
  // which warns of danger.
  if (v == "hurt" || v == "harm" || v.rfind("kill", 0) == 0) return kNone;
  // "a child will get knocked over": an accident waiting to happen.
  if (verb + 1 < end && a.is_word(verb + 1, "over")) return kNone;
  if (verb > 0 && (a.is_word(verb - 1, "getting") || a.is_word(verb - 1, "get") ||
                   a.is_word(verb - 1, "got"))) {
    return verb;
  }
  return kNone;
}

}  // namespace

namespace {

// Laughter in the comment: a laughing emoji, "lol", "haha".
bool Laughing(const Analysis& a) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string_view w = a.word(i);
    if (w == "^laughing" || w == "^rofl" || w == "lol" || w == "lmao" || w.starts_with("haha")) {
      return true;
    }
  }
  return false;
}

// Who "him", "her" or "them" at `object` stands for: the first person the sentence names (or,
// if it names no one, the one before), since that is the clause's subject and the one a threat
// like this is aimed at. "if my lad shows me up again I'll batter him" names the writer's child
// first; "if that teacher shouts at my kid again I'll batter him" names the teacher. kNone when
// no one is named.
std::size_t PronounAntecedent(const Analysis& a, std::size_t object) {
  if (!a.is(object, WordClass::kPron3)) return kNone;
  const std::size_t here = a.tok(object).sentence;
  for (std::size_t s = here + 1; s-- > 0 && s + 2 > here;) {
    const Sentence& sentence = a.norm.sentences[s];
    for (std::size_t k = sentence.first; k < sentence.last && k < object; ++k) {
      if (a.IsPersonRef(k) && !a.is(k, WordClass::kPron3) && !a.is(k, WordClass::kPron2) &&
          !a.is(k, WordClass::kFirstPerson)) {
        return k;
      }
    }
  }
  return kNone;
}

constexpr std::string_view kHateModelRule = "hate:model";
// How far past its threshold the hate model's score must be for its finding to remove the
// comment. Scored on labelled sets the model was not trained on, findings this far past were
// nearly all comments a school removes; nearer the threshold, a person should judge.
constexpr double kConfidentHateMargin = 2.0;

}  // namespace

// Whether a group of people is named, or excluded or generalised about in words.
bool GroupInView(const Analysis& a) {
  bool group_named = false;
  for (std::size_t i = 0; i < a.size() && !group_named; ++i) group_named = IsGroupMention(a, i);
  bool statement = false;
  if (a.weight(Signal::kHateStatement) > 0) {
    for (const SignalHit& hit : a.matches.signals) {
      statement = statement || (hit.signal == Signal::kHateStatement && !CostumeOnStage(a, hit));
    }
  }
  return group_named || statement || a.weight(Signal::kHateExclusion) > 0 ||
         a.weight(Signal::kHateGeneralisation) > 0 || a.weight(Signal::kHateAge) > 0;
}

namespace {

// The hate model's score less what the names of groups add to it on their own. A group's name is
// no evidence of hate ("the Polish families got the wrong letter"), but hate comments name groups
// far more often than others do, so the model weighs the names themselves: what the rest of the
// comment says must carry the score past the threshold (how far past, for the severity, counts
// the names too). Each distinct name counts once, as in the score; there are only so many, so a
// long comment stays linear.
double ScoreBeyondNames(const ModelBank& models, std::size_t index, Analysis& a) {
  double score = a.ModelScore(models, index).value;
  if (!(a.classes & (kAnyGroup | Bit(WordClass::kGroupAdjective)))) return score;
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a.tok(i).classes & (kAnyGroup | Bit(WordClass::kGroupAdjective)))) continue;
    const std::string_view word = a.word(i);
    if (std::find(names.begin(), names.end(), word) != names.end()) continue;
    names.push_back(word);
    score -= std::max(0.0f, models.WordWeight(index, a.norm, a.tok(i)));
  }
  return score;
}

// "Time for Diwali but dropped the nativity": one faith's festival weighed against another's,
// with no people named as a group and nothing said against one, reads as a complaint about the
// school's calendar. The model has seen such words in hate, so a person judges even when it is
// sure. A minority faith's festivals are also group words (classes.tsv); the nativity is not.
bool FestivalsWeighed(const Analysis& a) {
  if (!a.any(WordClass::kObservance) || a.weight(Signal::kHateExclusion) > 0 ||
      a.weight(Signal::kHateGeneralisation) > 0 || a.weight(Signal::kHateStatement) > 0) {
    return false;
  }
  bool minority = false;
  bool majority = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.is(i, WordClass::kObservance)) {
      if (a.tok(i).classes & kAnyGroup) minority = true;
      else majority = true;
    } else if (IsGroupMention(a, i)) {
      return false;
    }
  }
  return minority && majority;
}

}  // namespace

void DetectHateByModel(const ModelBank& models, std::size_t index, Analysis& a) {
  const TextModel& model = models.model(index);
  if (model.empty() || a.size() == 0 || a.Has(Category::kHate)) return;
  const TextModel::Score& score = a.ModelScore(models, index);
  // "Diwali lights all over the hall but no nativity": one faith's festival set against
  // another's that the school dropped is for a person to judge, whatever the model says.
  bool dropped = false;
  if (FestivalsWeighed(a)) {
    for (std::size_t i = 1; i < a.size() && !dropped; ++i) {
      if (!a.is(i, WordClass::kObservance) || (a.tok(i).classes & kAnyGroup)) continue;
      const std::string_view w = a.word(i - 1);
      dropped = w == "no" || w == "dropped" || w == "cancelled" || w == "scrapped" ||
                w == "banned" || w == "axed";
    }
  }
  if (!model.Fires(score) && !dropped) return;
  // Discrimination is about a group. With no group word and no cue of exclusion or sweeping
  // generalisation, words the model leans on ("why are", "full of", "look at") are as often
  // about planners and playtimes: the model must then be confident.
  if (!dropped && !GroupInView(a) && score.value <= model.threshold() + kConfidentHateMargin) {
    return;
  }
  if (!dropped && ScoreBeyondNames(models, index, a) <= model.threshold()) return;
  Finding f;
  f.category = Category::kHate;
  // Severity 1: reviewed, not hidden, unless ConfirmHateByModel finds the score far past the
  // threshold. The model cannot say which words discriminate; the group, when one is named, says
  // which characteristic.
  f.severity = 1;
  f.rule = model.Fires(score) ? kHateModelRule : std::string_view("hate:festival-dropped");
  auto [b, e] = a.Span(score.first_token, score.last_token);
  f.begin = b;
  f.end = e;
  f.target = Target::kGroup;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (IsGroupMention(a, i)) {
      f.characteristic = CharacteristicOfGroupBits(a.tok(i).classes);
      break;
    }
  }
  a.findings.push_back(f);
}

void ConfirmHateByModel(const ModelBank& models, std::size_t index, Analysis& a) {
  const TextModel& model = models.model(index);
  if (model.empty()) return;
  // A complaint that names no group and says nothing against one: the words the model leaned
  // on were about a room or a rule ("the girls' changing rooms need sorting").
  if (a.Has(Category::kComplaint) && !GroupInView(a)) {
    std::erase_if(a.findings, [](const Finding& f) { return f.rule == kHateModelRule; });
    return;
  }
  if (a.Has(Category::kQuery)) return;
  for (Finding& f : a.findings) {
    if (f.rule != kHateModelRule) continue;
    // The score DetectHateByModel fired on, cached in the analysis.
    if (a.ModelScore(models, index).value > model.threshold() + kConfidentHateMargin &&
        !FestivalsWeighed(a)) {
      f.severity = 2;
    }
  }
}

// "filmed my son getting jumped", "saw him getting battered": what someone saw happen, not
// what the writer means to do. A verb of seeing within the three words before token `at`, in
// its sentence.
bool Witnessed(const Analysis& a, const Sentence& s, std::size_t at) {
  for (std::size_t k = at; k-- > s.first && at - k <= 3;) {
    const std::string_view w = a.word(k);
    if (w == "filmed" || w == "filming" || w == "saw" || w == "seen" || w == "watched" ||
        w == "watching" || w == "recorded" || w == "videoed" || w == "photographed") {
      return true;
    }
  }
  return false;
}

void DetectThreats(Analysis& a) {
  const std::size_t n = a.size();
  auto add = [&](std::string_view rule, std::size_t first, std::size_t last, Target t) {
    if (t == Target::kNone) {
      const Sentence& s = a.sentence_of(first);
      t = a.SentenceTarget(s);
    }
    if (t == Target::kNone && n) t = a.target_all;
    // "Zainab's brother in 10C is a grass. Tell him to watch himself": a pronoun standing for
    // the pupil the comment names.
    if (t == Target::kPerson && a.target_all == Target::kPupil) t = Target::kPupil;
    a.Add(Category::kThreat, 3, rule, first, last, t);
  };
  // Veiled threats: a strong cue, or weaker ones aimed at a named or addressed person.
  if (const SignalHit* hit = a.FirstHit(Signal::kThreatVeiled)) {
    const int weight = a.weight(Signal::kThreatVeiled);
    const Target t = a.target_all;
    bool named = false;
    for (std::size_t i = 0; i < n; ++i) {
      named = named || a.person[i] == PersonRef::kNamedStaff || a.person[i] == PersonRef::kStaff ||
              a.is(i, WordClass::kPron2);
    }
    if (weight >= 3 || (weight >= 2 && named && t != Target::kNone)) {
      add("threat:veiled", hit->first_token, hit->last_token, Target::kNone);
    }
  }
  if (const SignalHit* hit = a.FirstHit(Signal::kThreatEvent);
      hit && a.weight(Signal::kThreatEvent) >= 2 && !a.Has(Category::kThreat)) {
    add("threat:attack", hit->first_token, hit->last_token, Target::kNone);
  }
  if (a.weight(Signal::kThreatIntent) >= 2 && !a.Has(Category::kThreat)) {
    // Intent the writer states, not harm someone saw happen ("filmed my son getting jumped").
    int weight = 0;
    const SignalHit* first = nullptr;
    for (const SignalHit& hit : a.matches.signals) {
      if (hit.signal != Signal::kThreatIntent ||
          Witnessed(a, a.sentence_of(hit.first_token), hit.first_token)) {
        continue;
      }
      weight += hit.weight;
      if (!first) first = &hit;
    }
    if (weight >= 2) add("threat:intent", first->first_token, first->last_token, Target::kNone);
  }
  if (a.Has(Category::kThreat)) return;
  // A comment that asks for something ("so please reply before then") uses the time it knows;
  // looked at once, when first needed.
  int asks = -1;
  auto comment_asks = [&] {
    if (asks < 0) {
      asks = a.weight(Signal::kRequest) > 0;
      for (std::size_t p = 0; p < n && !asks; ++p) {
        asks = a.is_word(p, "please") || a.is_word(p, "pls") || a.is_word(p, "plz");
      }
    }
    return asks > 0;
  };
  // "I know where Miss X lives": the writer letting someone know they can find them. Also "I
  // know which bus the SENCO gets home", "what time the head leaves": an adult's movements, told
  // as a statement rather than asked about.
  for (std::size_t i = 1; i + 2 < n; ++i) {
    if (!a.is_word(i, "know")) continue;
    if (!(a.is_word(i - 1, "i") || a.is_word(i - 1, "we"))) continue;
    const bool where = a.is_word(i + 1, "where");
    // "I know which lane he lives on": the same, by the road.
    const bool which = a.is_word(i + 1, "which");
    if (!where && !which && !a.is_word(i + 1, "what") &&
        !a.is_word(i + 1, "when")) {
      continue;
    }
    const Sentence& s = a.sentence_of(i);
    bool adult = false;
    for (std::size_t k = i + 2; k < s.last && k <= i + 10; ++k) {
      const std::string_view w = a.word(k);
      if ((where || which) &&
          (w == "lives" || w == "live" || w == "works" || w == "sleeps" || w == "parks" ||
           w == "keep" || w == "keeps" || w == "moors")) {
        add("threat:veiled", i - 1, k, a.TargetIn(i + 2, k));
        return;
      }
      // The person whose movements they are: staff or another adult, not a child, nor the
      // writer ("I know what time we finish").
      if (a.IsPersonRef(k) && !a.is(k, WordClass::kChild) && !a.is(k, WordClass::kFirstPerson) &&
          !a.is(k, WordClass::kPron2)) {
        adult = true;
      }
      const bool movement = w == "leaves" || w == "leave" || w == "finishes" || w == "meet" ||
                            w == "meets" || w == "drives" || w == "walks" || w == "parks" ||
                            ((w == "gets" || w == "get" || w == "goes") && k + 1 < n &&
                             (a.is_word(k + 1, "home") || a.is_word(k + 1, "off")));
      if (movement && adult && s.end_mark != '?' && !comment_asks()) {
        add("threat:veiled", i - 1, k, a.TargetIn(i + 2, k));
        return;
      }
    }
  }
  // "Mr X drives a silver Astra and leaves the car park at 5.15. Just so everyone knows.": a
  // named adult's movements, left for readers to act on. The aside ends its sentence: "just so
  // everyone knows who pulls their weight" goes on to say what the point is.
  bool aside = false;
  for (const SignalHit& hit : a.matches.signals) {
    aside = aside || (hit.signal == Signal::kAside &&
                      hit.last_token + 1 == a.sentence_of(hit.last_token).last);
  }
  if (aside) {
    for (std::size_t i = 1; i < n; ++i) {
      const std::string_view w = a.word(i);
      const bool movement = w == "leaves" || w == "walks" || w == "parks" ||
                            w == "finishes" || w == "cycles" || w == "jogs" ||
                            ((w == "gets" || w == "goes") && i + 1 < n &&
                             a.is_word(i + 1, "home"));
      if (!movement) continue;
      // Its subject: a named person or member of staff a few words before, in the sentence.
      const Sentence& s = a.sentence_of(i);
      for (std::size_t k = i; k-- > s.first && k + 8 > i;) {
        const PersonRef p = a.person[k];
        if (p == PersonRef::kNamedStaff || p == PersonRef::kNamedPerson ||
            p == PersonRef::kStaff) {
          add("threat:veiled", k, i, a.TargetIn(k, k));
          return;
        }
      }
    }
  }
  // "I'll break your jaw", "going to kick every door in", "someone should burn that school down",
  // "she'll get smacked": intent or a wish, then violence with an object.
  for (const Sentence& s : a.norm.sentences) {
    std::size_t intent = n;
    for (std::size_t i = s.first; i < s.last; ++i) {
      if (a.is(i, WordClass::kFuture) || a.is_word(i, "should") || a.is_word(i, "deserves") ||
          a.is_word(i, "deserve") || (a.is_word(i, "getting") && !Witnessed(a, s, i))) {
        intent = i;
      }
      if (!a.is(i, WordClass::kViolentVerb) || intent == n || i - intent > 5) continue;
      bool negated = false;
      for (std::size_t k = intent; k < i; ++k) negated = negated || a.is(k, WordClass::kNegation);
      // "he says he'll hurt them": the writer reports a threat to someone else; safeguarding,
      // not a threat by the writer.
      for (std::size_t k = intent >= 3 ? intent - 3 : 0; k < intent; ++k) {
        const std::string_view w = a.word(k);
        negated = negated || w == "says" || w == "said" || w == "told" || w == "saying" ||
                  w == "threatened" || w == "threatens";
      }
      const std::size_t object = negated ? kNone : ViolentObject(a, i, s.last);
      if (object == kNone) continue;
      // "she wants to kill herself": harm to oneself is for the safeguarding rules, not a threat
      // ("go and kill yourself" still is one).
      if (object != i && (a.is_word(object, "myself") || a.is_word(object, "herself") ||
                          a.is_word(object, "himself") || a.is_word(object, "themselves") ||
                          a.is_word(object, "ourselves"))) {
        continue;
      }
      // "someone's going to get hit by a car", "a kid will get knocked down": a passive with
      // nobody in particular as its subject warns of danger.
      bool anyone = false;
      for (std::size_t k = intent >= 2 ? intent - 2 : 0; k <= intent && object == i; ++k) {
        anyone = anyone || a.IsIndefinitePerson(k);
      }
      if (anyone) continue;
      // "those lads racing round the car park are going to hurt someone": a warning that
      // somebody will get hurt, unless the writer is the one who will ("I'll hurt someone").
      if (object != i && a.IsIndefinitePerson(object)) {
        bool writer = false;
        for (std::size_t k = s.first; k < intent; ++k) {
          writer = writer || a.is(k, WordClass::kFirstPerson) || a.is(k, WordClass::kPron2);
        }
        if (!writer) continue;
      }
      // A threat against a child ("if my daughter gets another detention I'll knock her into
      // next week") puts a child at risk; a named child is the target.
      const std::size_t named = object == i ? kNone : PronounAntecedent(a, object);
      const std::size_t child = a.is(object, WordClass::kChild) ? object
                                : named != kNone && a.is(named, WordClass::kChild) ? named
                                                                                   : kNone;
      // "Going to murder this child, fourth water bottle this term 😂", "if my son loses
      // another jumper I'll kill him lol": a parent's exasperation with their own child,
      // laughed off.
      if (child != kNone && child > 0 &&
          (a.is_word(child - 1, "my") || a.is_word(child - 1, "our") ||
           a.is_word(child - 1, "this")) &&
          Laughing(a)) {
        continue;
      }
      Target t = object == i ? Target::kNone : a.TargetIn(object, object);
      if (t == Target::kNone && a.is(object, WordClass::kPron2)) t = Target::kPerson;
      if (named != kNone && ToTarget(a.person[named]) == Target::kPupil) t = Target::kPupil;
      add("threat:violence", intent, std::min<std::size_t>(i + 3, s.last - 1), t);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------

void DetectSexual(Analysis& a) {
  const std::size_t n = a.size();
  if (!n) return;
  const Target about = a.target_all;
  bool child_context = false;
  for (std::size_t i = 0; i < n; ++i) {
    child_context = child_context || a.is(i, WordClass::kChild) || a.is(i, WordClass::kClassWord);
  }
  // "Send me pics" between adults is sexual solicitation; with a child in view it is grooming
  // and the safeguarding detector takes it.
  const int strong = a.weight(Signal::kSexualPhrase) +
                     (child_context ? 0 : a.weight(Signal::kGrooming));
  int weak = a.weight(Signal::kSexualWeak);
  // "So hot in the hall today 🥵": with the weather in view, "hot" and the hot face are the
  // temperature.
  if (weak > 0 && (a.classes & Bit(WordClass::kWeather))) {
    for (const SignalHit& hit : a.matches.signals) {
      if (hit.signal == Signal::kSexualWeak && hit.first_token == hit.last_token &&
          (a.is_word(hit.first_token, "hot") || a.is_word(hit.first_token, "^hotface"))) {
        weak -= hit.weight;
      }
    }
  }
  // A grooming cue alone counts as strong but is no sexual phrase: it leaves the comment to the
  // safeguarding rules, and only suggestive words make it sexual too.
  const SignalHit* phrase = strong >= 2 ? a.FirstHit(Signal::kSexualPhrase) : nullptr;
  const SignalHit* suggestive = a.FirstHit(Signal::kSexualWeak);
  if (phrase) {
    a.Add(Category::kSexual, 3, "sexual:phrase", phrase->first_token, phrase->last_token, about);
  } else if (suggestive && (weak >= 3 || (weak >= 2 && strong >= 1))) {
    a.Add(Category::kSexual, 3, "sexual:suggestive", suggestive->first_token,
          suggestive->last_token, about);
  }
  // Sexual remarks about a person are harassment as well.
  if (a.Has(Category::kSexual) && about != Target::kNone && about != Target::kGroup &&
      !a.spam && !a.Has(Category::kHarassment)) {
    bool personal = false;
    for (std::size_t i = 0; i < n; ++i) {
      const PersonRef r = a.person[i];
      personal = personal || r == PersonRef::kStaff || r == PersonRef::kNamedStaff ||
                 r == PersonRef::kNamedPerson || r == PersonRef::kParent ||
                 a.is(i, WordClass::kPron3) || a.is(i, WordClass::kTitle);
    }
    if (personal) a.Add(Category::kHarassment, 2, "harassment:sexual", 0, n - 1, about);
  }
}

}  // namespace schoolmod::moderation::classifier
