#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "classifier/char_fold.h"
#include "classifier/data_file.h"
#include "classifier/embedded_data.h"
#include "classifier/lexicon.h"
#include "classifier/normalizer.h"
#include "classifier/snapshot.h"
#include "classifier/word_graph.h"
#include "schoolmod/config/config.h"

// The lexicon's matching rules, with small word lists written for the test.
namespace schoolmod::moderation::classifier {
namespace {

const CharFolder& Folder() {
  static const CharFolder folder = [] {
    auto built = CharFolder::Build(EmbeddedDataFile("homoglyphs.tsv"), EmbeddedDataFile("emoji.tsv"));
    REQUIRE(built.ok());
    return std::move(*built);
  }();
  return folder;
}

constexpr std::string_view kLexicon =
    "# test lexicon\n"
    "ass\tprofanity\t1\tword\n"
    "boggart\tinsult\t2\tstem\n"
    "grommet\tinsult+profanity\t3\tword\n"
    "snarf\tprofanity\t3\tany\n"
    "wally\tinsult\t1\tword\ttarget\n"
    "bob\tprofanity\t2\tword\tname\n"
    "tit\tinsult\t1\tword\tunless=bird\n"
    "piss off\tprofanity\t2\tword\n";
constexpr std::string_view kAllow = "boggartshire\nblue tit\n";
constexpr std::string_view kClasses =
    "staff\tword\tteacher, head\n"
    "bird\tword\tnest\n"
    "copula\tword\tis\n"
    "determiner\tword\ta\n";
constexpr std::string_view kSignals = "threat_veiled\t3\tword\twatch (your|his) back\n";

Result<Lexicon> Build(const config::ModerationSettings& settings = {},
                      std::string_view lexicon = kLexicon, std::string_view signals = kSignals) {
  LexiconSources sources;
  sources.lexicons.emplace_back("test.tsv", lexicon);
  sources.allow = kAllow;
  sources.classes = kClasses;
  sources.signals = signals;
  sources.first_names = "amelia\n";
  auto built = Lexicon::Build(Folder(), sources, settings);
  if (!built) return built;
  // Saved as bytes and loaded back, as the service loads its built-in lexicon (tables.h): every
  // rule below then holds for a loaded lexicon too, which a field missing from the snapshot
  // would break.
  SnapshotWriter writer;
  writer(*built);
  SnapshotReader reader(writer.bytes());
  Lexicon loaded;
  reader(loaded);
  REQUIRE(reader.done());
  return loaded;
}

// The terms found in `text`, as written in the lexicon.
std::vector<std::string> Terms(const Lexicon& lex, std::string_view text) {
  NormalizedText norm;
  Normalize(Folder(), text, norm);
  Matches m;
  lex.Annotate(norm, m);
  std::vector<std::string> out;
  for (const TermHit& hit : m.terms) out.push_back(lex.term(hit.term).text);
  return out;
}

}  // namespace

TEST_CASE("ExpandAlternatives gives every combination and optional words") {
  CHECK(ExpandAlternatives("plain") == std::vector<std::string>{"plain"});
  CHECK(ExpandAlternatives("(i|we) know") == std::vector<std::string>{"i know", "we know"});
  CHECK(ExpandAlternatives("a (b|) c (d|e)") ==
        std::vector<std::string>{"a b c d", "a b c e", "a  c d", "a  c e"});
  CHECK(ExpandAlternatives("(say|tell (me|us)) why") ==
        std::vector<std::string>{"say why", "tell me why", "tell us why"});
  CHECK(CountAlternatives("a (b|) c (d|e)") == 4);
  CHECK(CountAlternatives("(say|tell (me|us)) why") == 3);
  CHECK(CountAlternatives("(a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) "
                          "(a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j)") >
        kMaxAlternatives);
}

TEST_CASE("lexicon: whole words, stems and anywhere terms") {
  auto lex = Build();
  REQUIRE(lex.ok());
  CHECK(Terms(*lex, "what a grommet") == std::vector<std::string>{"grommet"});
  CHECK(Terms(*lex, "grommets everywhere").empty());  // whole word only
  CHECK(Terms(*lex, "boggarts and boggartry") == std::vector<std::string>{"boggart", "boggart"});
  CHECK(Terms(*lex, "unboggart").empty());  // a stem starts a word
  CHECK(Terms(*lex, "supersnarfing") == std::vector<std::string>{"snarf"});
  CHECK(Terms(*lex, "oh piss off now") == std::vector<std::string>{"piss off"});
}

TEST_CASE("lexicon: repeated letters must match, stretched ones may") {
  auto lex = Build();
  REQUIRE(lex.ok());
  CHECK(Terms(*lex, "as far as I know").empty());      // "as" is not "ass"
  CHECK(Terms(*lex, "kick his ass") == std::vector<std::string>{"ass"});
  CHECK(Terms(*lex, "grooooommet") == std::vector<std::string>{"grommet"});  // stretched
  CHECK(Terms(*lex, "grommmet") == std::vector<std::string>{"grommet"});     // three m's
  CHECK(Terms(*lex, "groommet").empty());  // two o's is a different word, not a stretch
  // Stretched anywhere, a word's doubles are stretches too.
  CHECK(Terms(*lex, "ggroooommett") == std::vector<std::string>{"grommet"});
  CHECK(Terms(*lex, "ggrommet").empty());
}

TEST_CASE("lexicon: obfuscated spellings match the plain term") {
  auto lex = Build();
  REQUIRE(lex.ok());
  CHECK(Terms(*lex, "g r o m m e t") == std::vector<std::string>{"grommet"});
  CHECK(Terms(*lex, "gr0mm3t") == std::vector<std::string>{"grommet"});
  CHECK(Terms(*lex, "gr*mmet") == std::vector<std::string>{"grommet"});        // masked
  CHECK(Terms(*lex, "g\xd1\x80ommet").empty());  // Cyrillic er is a 'p': "gpommet"
  CHECK(Terms(*lex, "gr\xce\xbfmmet") == std::vector<std::string>{"grommet"});  // Greek omicron
}

TEST_CASE("lexicon: the allow-list wins over a term inside an innocent word") {
  auto lex = Build();
  REQUIRE(lex.ok());
  CHECK(Terms(*lex, "we drove to Boggartshire").empty());
  CHECK(Terms(*lex, "a blue tit in the garden").empty());
}

TEST_CASE("lexicon: classes, signals and possessives") {
  auto lex = Build();
  REQUIRE(lex.ok());
  NormalizedText norm;
  Normalize(Folder(), "Watch your back, the head's teacher", norm);
  Matches m;
  lex->Annotate(norm, m);
  REQUIRE(m.signals.size() == 1);
  CHECK(m.signals[0].signal == Signal::kThreatVeiled);
  CHECK(m.signals[0].first_token == 0);
  CHECK(m.signals[0].last_token == 2);
  CHECK((norm.tokens[4].classes & Bit(WordClass::kStaff)) != 0);  // "head's" is "head"
  CHECK((norm.tokens[5].classes & Bit(WordClass::kStaff)) != 0);
}

TEST_CASE("lexicon: malformed data names the file and line") {
  auto bad = Build({}, "fine\tprofanity\t2\tword\nwrong\tnonsense\t2\tword\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
  CHECK(bad.error().message.find("test.tsv:2") != std::string::npos);
  CHECK_FALSE(Build({}, "x\tprofanity\t9\tword\n").ok());
  CHECK_FALSE(Build({}, "x\tprofanity\t2\tsometimes\n").ok());
  CHECK_FALSE(Build({}, "x\tprofanity\t2\tword\tunless=nothing\n").ok());
}

TEST_CASE("alternatives are counted without expanding them") {
  for (std::string_view phrase : {"plain", "(i|we) know", "a (b|) c (d|e)", "(say|tell (me|us)) why",
                                  "what('s|s|) up (a|b)(c|d|)", "unbalanced (a|b"}) {
    CHECK(CountAlternatives(phrase) == ExpandAlternatives(phrase).size());
  }
  WordTree tree;
  CHECK_FALSE(ParseWordTree("(a|b", tree));
  CHECK_FALSE(ParseWordTree("a-b (c|d)", tree));  // only letters, digits and apostrophes
  CHECK_FALSE(ParseWordTree("(a b|c)d", tree));   // a group inside a word must give single words
  CHECK_FALSE(ParseWordTree("a|b c", tree));      // alternatives only inside a group
  CHECK_FALSE(ParseWordTree("a) (b|c)", tree));
  CHECK(ParseWordTree("what('s|s|) (a|b c|)", tree));
}

namespace {

// The combinations of a parsed phrase, each its words joined by single spaces.
std::vector<std::string> TreeCombinations(const WordTree& tree) {
  std::vector<std::string> out;
  std::vector<std::uint32_t> words;
  ForEachCombination(tree, words, [&](const std::vector<std::uint32_t>& combination) {
    std::string joined;
    for (const std::uint32_t w : combination) joined += (joined.empty() ? "" : " ") + tree.words[w];
    out.push_back(joined);
  });
  return out;
}

// ExpandAlternatives' combinations with the spaces an empty alternative leaves squeezed out.
std::vector<std::string> SqueezedExpansion(std::string_view phrase) {
  std::vector<std::string> out;
  for (const std::string& variant : ExpandAlternatives(phrase)) {
    std::string squeezed;
    for (const char c : variant) {
      if (c == ' ' && (squeezed.empty() || squeezed.back() == ' ')) continue;
      squeezed += c;
    }
    if (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
    out.push_back(squeezed);
  }
  return out;
}

}  // namespace

// The lexicon builds its phrases from the parsed tree rather than by expanding the text: the two
// must agree on every combination and its order.
TEST_CASE("a parsed phrase has the expansion's combinations in its order") {
  WordTree tree;
  for (std::string_view phrase :
       {"plain", "(i|we) know", "a (b|) c (d|e)", "(say|tell (me|us)) why", "what('s|s|) up",
        "(a|b)(c|d|) e", "(kid|child)'s (mum|)", "x (y (z|) w|) v", "(a|(b|c) d|)", "()"}) {
    CAPTURE(phrase);
    REQUIRE(ParseWordTree(phrase, tree));
    CHECK(TreeCombinations(tree) == SqueezedExpansion(phrase));
    CHECK(TreeCombinations(tree).size() == CountAlternatives(phrase));
  }
  // Every cue of the built-in signals that parses, and enough of them do.
  std::size_t parsed = 0;
  for (const DataLine& line : DataLines("signals.tsv", EmbeddedDataFile("signals.tsv"))) {
    if (line.fields.size() != 4) continue;
    std::string_view list = line.fields[3];
    while (!list.empty()) {
      const std::size_t comma = std::min(list.find(','), list.size());
      std::string_view phrase = list.substr(0, comma);
      list.remove_prefix(std::min(comma + 1, list.size()));
      while (!phrase.empty() && phrase.front() == ' ') phrase.remove_prefix(1);
      while (!phrase.empty() && phrase.back() == ' ') phrase.remove_suffix(1);
      if (CountAlternatives(phrase) > 5000 || !ParseWordTree(phrase, tree)) continue;
      ++parsed;
      CAPTURE(phrase);
      CHECK(TreeCombinations(tree) == SqueezedExpansion(phrase));
    }
  }
  CHECK(parsed > 3000);
}

// Thousands of combinations: kept as a word graph, found as the expansion would be.
TEST_CASE("lexicon: phrases with many alternatives") {
  constexpr std::string_view kMany =
      "grooming\t2\tword\t(told|asked|invited|begged) (the|some|two|) (kids|children|girls|boys) "
      "to (come|go|sit|wait) (in|into|by) (his|her|the) (car|van|car)\n"
      "threat_veiled\t1\tword\tin his car\n";
  auto lex = Build({}, kLexicon, kMany);
  REQUIRE(lex.ok());
  auto signals = [&](std::string_view text) {
    NormalizedText norm;
    Normalize(Folder(), text, norm);
    Matches m;
    lex->Annotate(norm, m);
    return m.signals;
  };
  // "car" is an alternative twice: two combinations spell the phrase, and it counts once. The
  // longer phrase comes first among those ending at the same word.
  auto hits = signals("He asked the girls to sit in his car.");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].signal == Signal::kGrooming);
  CHECK(hits[0].first_token == 1);
  CHECK(hits[0].last_token == 8);
  CHECK(hits[1].signal == Signal::kThreatVeiled);
  CHECK(hits[1].first_token == 6);
  hits = signals("begged boys to wait by the van");  // the optional word left out
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].first_token == 0);
  CHECK(hits[0].last_token == 6);
  CHECK(signals("asked the girls to sit in").empty());
  CHECK(signals("asked the the girls to sit by the van").empty());
}

TEST_CASE("built-in data files parse") {
  LexiconSources sources;
  for (const EmbeddedFile& f : EmbeddedDataFiles()) {
    if (f.name.rfind("lexicon_", 0) == 0) sources.lexicons.emplace_back(f.name, f.contents);
  }
  REQUIRE(sources.lexicons.size() >= 3);
  sources.allow = EmbeddedDataFile("allow.txt");
  sources.classes = EmbeddedDataFile("classes.tsv");
  sources.signals = EmbeddedDataFile("signals.tsv");
  sources.first_names = EmbeddedDataFile("first_names.txt");
  auto lex = Lexicon::Build(Folder(), sources, config::ModerationSettings{});
  REQUIRE(lex.ok());
  CHECK(lex->term_count() > 300);
  CHECK(lex->word_count() > 1000);
  // A phrase whose spellings differ only in a doubled letter ("maarde", "marde") goes into the
  // phrase trie one combination at a time: a single such phrase with tens of thousands of
  // combinations costs megabytes of memory and milliseconds at start. Split it instead.
  CHECK(lex->phrase_state_count() < 80000);
}

namespace {

// The weights of the signal hits in `text`.
std::vector<int> SignalWeights(const Lexicon& lex, std::string_view text) {
  NormalizedText norm;
  Normalize(Folder(), text, norm);
  Matches m;
  lex.Annotate(norm, m);
  std::vector<int> out;
  for (const SignalHit& hit : m.signals) out.push_back(hit.weight);
  return out;
}

}  // namespace

// Alternatives that are the same words once folded ("(ca|că)", "(kids'|kids)") are one phrase,
// whichever way the lexicon keeps it: counted twice, a cue would weigh double.
TEST_CASE("lexicon: alternatives spelling the same words count once") {
  // A phrase expanded into the trie, one whose single word is spelt two ways, a stem, and a
  // phrase with enough combinations to be kept as a word graph.
  const std::string signals =
      "secrecy\t2\tword\tspune (ca|c\xc4\x83) a (cazut|c\xc4\x83zut)\n"
      "injury\t2\tword\t(vanatai|v\xc3\xa2n\xc4\x83t\xc4\x83i)\n"
      "harm_word\t2\tstem\t(batu|b\xc4\x83tu)\n"
      "threat_veiled\t3\tword\t(her|his|your|their) (kids'|kids|son's|sons|daughter's|daughters) "
      "(primary|school|nursery|class|club|team)\n";
  auto lex = Build({}, kLexicon, signals);
  REQUIRE(lex.ok());
  CHECK(SignalWeights(*lex, "spune că a căzut") == std::vector<int>{2});
  CHECK(SignalWeights(*lex, "are vânătăi") == std::vector<int>{2});
  CHECK(SignalWeights(*lex, "l-a bătut") == std::vector<int>{2});
  CHECK(SignalWeights(*lex, "I know her kids' school") == std::vector<int>{3});
  CHECK(SignalWeights(*lex, "I know his sons team") == std::vector<int>{3});
}

}  // namespace schoolmod::moderation::classifier
