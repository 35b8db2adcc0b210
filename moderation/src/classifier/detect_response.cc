#include <algorithm>

#include "classifier/detectors.h"

// Does the school need to answer? Questions to the school, requests and complaints, written the
// way parents write them: not only sentences ending in "?", and not the rhetorical "who else's
// kids came home covered in glitter". Also praise, so a thank-you is recognised as such.
namespace schoolmod::moderation::classifier {
namespace {

// Words that may open a question before it starts: greetings, and exclamations of frustration
// ("FFS can someone sort the buzzer", "honestly, when will...").
bool IsOpener(const Analysis& a, std::size_t i) {
  const std::string_view w = a.word(i);
  return w == "hi" || w == "hello" || w == "hiya" || w == "morning" || w == "afternoon" ||
         w == "evening" || w == "dear" || w == "hey" || w == "please" || w == "sorry" ||
         w == "quick" || w == "question" || w == "just" || w == "so" || w == "ok" || w == "okay" ||
         w == "miss" || w == "sir" || w == "ffs" || w == "fgs" || w == "omg" || w == "honestly" ||
         w == "seriously" || w == "ugh" || w == "jeez";
}

// Swearing or an intensifier between a question word and its question: "fucking", "the hell",
// "tf", "on earth", a masked word.
bool IsExpletive(const Analysis& a, std::size_t i) {
  if (a.tok(i).flags & kMasked) return true;
  const std::string_view w = a.word(i);
  if (w == "the" || w == "on") {
    return i + 1 < a.size() && (a.is_word(i + 1, "fuck") || a.is_word(i + 1, "hell") ||
                                a.is_word(i + 1, "heck") || a.is_word(i + 1, "earth") ||
                                (a.tok(i + 1).flags & kMasked));
  }
  return w == "fucking" || w == "fuckin" || w == "fking" || w == "fkn" || w == "effing" ||
         w == "bloody" || w == "flipping" || w == "frigging" || w == "flaming" || w == "tf" ||
         w == "fuck" || w == "hell" || w == "heck" || w == "earth";
}

// Whether the clause starting at token i opens like a question: "what time does", "how much is",
// "is the office open", "can we pay".
bool OpensQuestion(const Analysis& a, std::size_t i, std::size_t end, bool sentence_start) {
  const std::size_t start = i;
  while (i < end && (IsOpener(a, i) || (a.tok(i).flags & kEmojiToken) ||
                     (i > start && a.is_word(i, "there") && IsOpener(a, i - 1)))) {
    ++i;  // "hi there is there a club", "morning all"
  }
  if (i + 1 >= end) return false;
  if (a.is(i, WordClass::kQuestionWord)) {
    // "what fucking time does", "where the hell is", "where tf": the swearing is not the question.
    std::size_t k = i + 1;
    while (k + 1 < end && IsExpletive(a, k)) ++k;
    const std::string_view next = a.word(k);
    // "which door do Reception use", "what size are the t-shirts": a noun, then the verb.
    if (k + 1 < end && a.is(k + 1, WordClass::kAuxiliary)) return true;
    // "why close for 2cm of snow", "how come": "why" asks whatever follows it.
    if ((a.is_word(i, "why") || a.is_word(i, "y")) && end - i >= 3 &&
        !a.is(k, WordClass::kFirstPerson)) {
      return true;
    }
    return a.is(k, WordClass::kAuxiliary) || a.is(k, WordClass::kCopula) ||
           a.is(k, WordClass::kSubject) || next == "time" || next == "day" ||
           next == "much" || next == "many" || next == "long" || next == "often" ||
           next == "far" || next == "old" || next == "date" || next == "size" ||
           next == "colour" || next == "color" || next == "kind" || next == "type" ||
           next == "sort" || next == "room" || next == "page" || next == "form";
  }
  if (!a.is(i, WordClass::kAuxiliary) || a.is(i, WordClass::kNegation) || end - i < 3) {
    return false;
  }
  const std::size_t next = i + 1;
  // "Have some pride", "have a great summer": orders and wishes, not questions.
  if ((a.is_word(i, "have") || a.is_word(i, "has")) && a.is(next, WordClass::kDeterminer) &&
      !a.is(next, WordClass::kSubject)) {
    return false;
  }
  // "have the best day", "have the happiest birthday": a wish, though "the" can open a question
  // ("have the results come out").
  if (a.is_word(i, "have") && a.is_word(next, "the") && next + 1 < end &&
      (a.is_word(next + 1, "best") || a.is_word(next + 1, "happiest") ||
       a.is_word(next + 1, "loveliest") || a.is_word(next + 1, "greatest") ||
       a.is_word(next + 1, "nicest") || a.is_word(next + 1, "most"))) {
    return false;
  }
  if (a.is(next, WordClass::kSubject) || a.IsPersonRef(next) || a.is(next, WordClass::kSchool) ||
      a.is(next, WordClass::kDeterminer) ||
      ((a.tok(next).flags & kCapitalised) && !(a.tok(next).flags & kSentenceStart))) {
    return true;
  }
  // "Does badminton club provide the rackets", "are little brothers allowed": a sentence that
  // opens with do/does/is/are/can and a plain word asks, unless that word is another verb form
  // ("can confirm", "will be there", "do not").
  const std::string_view aux = a.word(i);
  const bool asking_aux = aux == "do" || aux == "does" || aux == "is" || aux == "are" ||
                          aux == "can" || aux == "could" || aux == "will" || aux == "would";
  return sentence_start && asking_aux && end - i >= 5 && !a.is(next, WordClass::kAuxiliary) &&
         !a.is(next, WordClass::kCopula) && !a.is(next, WordClass::kNegation) &&
         a.word(next).size() > 2 && !a.word(next).ends_with("ed") &&
         !a.word(next).ends_with("ing");
}

// "my dad (who was born in Jhelum)", "the trip, which was lovely": a clause that says more about
// what came before it, not a question.
bool RelativeClause(const Analysis& a, std::size_t i) {
  if (!a.is_word(i, "who") && !a.is_word(i, "which") && !a.is_word(i, "whose")) return false;
  const std::uint32_t begin = a.tok(i).begin;
  if (begin > 0 && a.original[begin - 1] == '(') return true;
  return a.is_word(i + 1, "was") || a.is_word(i + 1, "were") || a.is_word(i + 1, "had");
}

// Whether sentence `s` asks the school something.
bool IsQuestion(const Analysis& a, const Sentence& s) {
  if (a.WeightIn(Signal::kRhetorical, s.first, s.last - 1) > 0) return false;
  if (a.WeightIn(Signal::kNotQuestion, s.first, s.last - 1) > 0 && s.end_mark != '?') return false;
  if (s.end_mark == '?') return !s.exclaimed_question;
  // Without a question mark: the sentence, or a clause after a comma ("We're moving to the area,
  // do you have places in Year 4"), opens like a question.
  if (OpensQuestion(a, s.first, s.last, true)) return true;
  // Or after "but" ("not sure if I've missed it but when are the appointments opening").
  for (std::size_t i = s.first; i + 1 < s.last; ++i) {
    const bool clause = (a.tok(i).flags & kPauseAfter) || (i > s.first && a.is_word(i, "but"));
    if (clause && !RelativeClause(a, i + 1) && OpensQuestion(a, i + 1, s.last, false)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void DetectResponse(Analysis& a) {
  const std::size_t n = a.size();
  if (!n) return;
  bool query = false, request = a.weight(Signal::kRequest) > 0;
  std::size_t query_at = 0;
  for (const Sentence& s : a.norm.sentences) {
    if (!query && IsQuestion(a, s)) {
      query = true;
      query_at = s.first;
    }
    // "Please fix the gate", "please can you", "please make sure the cover teacher is told".
    for (std::size_t i = s.first; i < s.last && !request; ++i) {
      if (!a.is_word(i, "please") && !a.is_word(i, "pls") && !a.is_word(i, "plz")) continue;
      for (std::size_t k = i + 1; k < s.last && k <= i + 3; ++k) {
        request = request || a.is(k, WordClass::kRequestVerb);
      }
      for (std::size_t k = (i >= 2 ? i - 2 : 0); k < i; ++k) {
        request = request || a.is(k, WordClass::kRequestVerb);
      }
    }
  }
  // Strong cues ("disappointed", "still haven't") count alone; weak ones ("again", "tiny") need
  // company, and lose to praise ("so pleased the club is starting again").
  int praise = a.weight(Signal::kPraise);
  for (std::size_t i = 0; i < n; ++i) {
    // "special needs", "special educational needs" name a need, not a delight.
    const bool need = a.is_word(i, "special") && i + 1 < n &&
                      (a.is_word(i + 1, "needs") || a.is_word(i + 1, "educational"));
    praise += a.is(i, WordClass::kPositive) && !need ? 1 : 0;
  }
  // Clapping after "well deserved" is applause, not sarcasm, unless something else is sarcastic
  // too ("well done on being the only school...").
  int sarcasm = a.weight(Signal::kSarcasm);
  // "👏👏👏" alone: applause, with nothing to be sarcastic about.
  bool words = false;
  for (std::size_t i = 0; i < n && !words; ++i) words = !(a.tok(i).flags & kEmojiToken);
  if (!words) sarcasm = 0;
  if (sarcasm > 0 && a.weight(Signal::kPraise) >= 2) {
    int clapping = 0;
    for (const SignalHit& hit : a.matches.signals) {
      if (hit.signal == Signal::kSarcasm && a.is_word(hit.first_token, "^clap")) clapping += hit.weight;
    }
    if (clapping == sarcasm) sarcasm = 0;
  }
  int strong = a.weight(Signal::kHarsh) + sarcasm;
  int weak = a.weight(Signal::kInsultMild);
  // Mild swearing ("bloody", "crap") in a comment is usually frustration with something.
  for (const Finding& f : a.findings) {
    if (f.category == Category::kProfanity && f.severity == 1) {
      weak += 1;
      break;
    }
  }
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kComplaint) continue;
    (hit.weight >= 2 ? strong : weak) += hit.weight;
  }
  // A mild insult of staff or the school ("couldn't organise a bake sale") is a complaint too;
  // "she should retire" is an opinion of someone, not a grievance to answer.
  bool mild_insult = false;
  for (const Finding& f : a.findings) {
    mild_insult = mild_insult || (f.category == Category::kInsult && f.severity == 1 &&
                                  f.rule != "insult:past-it" &&
                                  (f.target == Target::kStaff || f.target == Target::kSchool));
  }
  const bool complains = strong >= 2 || (strong >= 1 && weak >= 1) ||
                         (weak >= 2 && praise < 2) || (strong + weak >= 1 && request) ||
                         mild_insult;
  if (complains) {
    // Sharp or sarcastic complaints go to a person; plain ones stay up and get a reply.
    const int sharp = a.weight(Signal::kHarsh) + sarcasm;
    a.Add(Category::kComplaint, sharp >= 2 ? 1 : 0, "response:complaint", 0, n - 1, Target::kSchool);
  }
  if (query || (request && !complains)) {
    a.Add(Category::kQuery, 0, request && !query ? "response:request" : "response:question",
          query ? query_at : 0, n - 1, Target::kSchool);
  }
  // A positive word in abuse or a disclosure ("they were glad of the snow day", "my best mate")
  // is not a thank-you.
  bool unkind = false;
  for (const Finding& f : a.findings) {
    unkind = unkind || f.category == Category::kSafeguarding || f.category == Category::kHate ||
             f.category == Category::kThreat || f.category == Category::kHarassment ||
             f.category == Category::kSexual || f.category == Category::kSpam ||
             f.category == Category::kDefamation ||
             (f.category == Category::kInsult && f.severity >= 2);
  }
  if (praise >= 1 && !complains && !query && !request && !unkind) {
    a.Add(Category::kPraise, 0, "response:praise", 0, n - 1, Target::kSchool);
  }
}

}  // namespace schoolmod::moderation::classifier
