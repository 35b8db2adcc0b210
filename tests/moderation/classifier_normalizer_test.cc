#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "classifier/char_fold.h"
#include "classifier/embedded_data.h"
#include "classifier/normalizer.h"

// The normaliser: what every matcher sees. Each obfuscation a commenter uses must come out as
// the plain word, with every character still mapped to its bytes in the original text.
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

NormalizedText Norm(std::string_view text) {
  NormalizedText out;
  Normalize(Folder(), text, out);
  return out;
}

std::vector<std::string> Words(const NormalizedText& n) {
  std::vector<std::string> words;
  for (const Token& t : n.tokens) words.emplace_back(n.PlainText(t));
  return words;
}

}  // namespace

TEST_CASE("normaliser folds case, width and decorated letters (NFKC and case folding)") {
  CHECK(Words(Norm("HELLO There")) == std::vector<std::string>{"hello", "there"});
  CHECK(Words(Norm("\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b")) ==  // fullwidth "ｆｕｃｋ"
        std::vector<std::string>{"fuck"});
  CHECK(Words(Norm("\xf0\x9d\x90\x9f\xf0\x9d\x90\xae\xf0\x9d\x90\x9c\xf0\x9d\x90\xa4")) ==  // 𝐟𝐮𝐜𝐤
        std::vector<std::string>{"fuck"});
  CHECK(Words(Norm("Stra\xc3\x9f" "e")) == std::vector<std::string>{"strasse"});  // ß
  CHECK(Words(Norm("na\xc3\xafve caf\xc3\xa9 \xc5\x82\xc3\xb3" "d\xc5\xba")) ==
        std::vector<std::string>{"naive", "cafe", "lodz"});
}

TEST_CASE("normaliser drops zero-width and bidi controls, so they split nothing") {
  CHECK(Words(Norm("sh\xe2\x80\x8bit")) == std::vector<std::string>{"shit"});        // ZWSP
  CHECK(Words(Norm("tw\xe2\x80\x8d" "at")) == std::vector<std::string>{"twat"});      // ZWJ
  CHECK(Words(Norm("\xe2\x80\xae" "kcuf")) == std::vector<std::string>{"kcuf"});       // RLO
  CHECK(Words(Norm("w\xc2\xad" "anker")) == std::vector<std::string>{"wanker"});      // soft hyphen
}

TEST_CASE("normaliser reads Cyrillic and Greek lookalikes as Latin letters") {
  // "fuсk" with a Cyrillic es, "shіt" with a Ukrainian i, "cοck" with a Greek omicron.
  CHECK(Words(Norm("fu\xd1\x81k sh\xd1\x96t c\xce\xbf" "ck")) ==
        std::vector<std::string>{"fuck", "shit", "cock"});
  // Cyrillic ka and em have no ICU skeleton in ASCII: homoglyphs.tsv supplies them.
  CHECK(Words(Norm("\xd0\xbc\xd1\x83\xd0\xba")) == std::vector<std::string>{"myk"});
  const NormalizedText n = Norm("fu\xd1\x81k");
  REQUIRE(n.tokens.size() == 1);
  CHECK((n.tokens[0].flags & kFolded) != 0);
}

TEST_CASE("normaliser reads Armenian lookalikes and Latin small capitals as Latin letters") {
  // "fսck" with an Armenian seh, "ꜱhit" with a small capital s.
  CHECK(Words(Norm("f\xd5\xbd" "ck \xea\x9c\xb1" "hit")) == std::vector<std::string>{"fuck", "shit"});
}

TEST_CASE("a lookalike outside the folded blocks is refused with its line") {
  // Tamil letters are not in any table the folder builds, so the line could never take effect.
  auto built = CharFolder::Build("# header\nU+0BA4\tt\n", "");
  REQUIRE_FALSE(built.ok());
  CHECK(built.error().message.find("homoglyphs.tsv:2") != std::string::npos);
  CHECK(built.error().message.find("outside the blocks") != std::string::npos);
}

TEST_CASE("normaliser reads leetspeak inside words but keeps numbers and codes") {
  CHECK(Words(Norm("sh1t a$$hole tw@t w4nk3r b00bs c0ck")) ==
        std::vector<std::string>{"shit", "asshole", "twat", "wanker", "boobs", "cock"});
  CHECK(Words(Norm("3pm 1st 10k KS1 Y6 PS5 07700 900123")) ==
        std::vector<std::string>{"0pm", "0st", "00k", "ks0", "y0", "ps0", "00000", "000000"});
  const NormalizedText n = Norm("sh1t");
  CHECK((n.tokens[0].flags & kLeet) != 0);
  CHECK(Words(Norm("pi55 off")) == std::vector<std::string>{"piss", "off"});
}

TEST_CASE("normaliser keeps masked words whole") {
  const NormalizedText n = Norm("f*ck this f**king m#ss");
  REQUIRE(n.tokens.size() == 4);
  CHECK(n.TokenText(n.tokens[0]) == "f*ck");
  CHECK((n.tokens[0].flags & kMasked) != 0);
  // Stars squeeze like letters: "f**king" has one '*' with a run of 2.
  CHECK(n.TokenText(n.tokens[2]) == "f*king");
  CHECK(n.chars[n.tokens[2].first + 1].run == 2);
  CHECK(n.TokenText(n.tokens[3]) == "m*s");
}

TEST_CASE("normaliser joins letters spelt out with spaces, dots or dashes") {
  CHECK(Words(Norm("F U C K the lot")) == std::vector<std::string>{"fuck", "the", "lot"});
  CHECK(Words(Norm("f.u.c.k.i.n.g joke")) == std::vector<std::string>{"fucking", "joke"});
  CHECK(Words(Norm("b-o-l-l-o-c-k-s")) == std::vector<std::string>{"bollocks"});
  // A double space ends the spelt-out word.
  CHECK(Words(Norm("s h i t  s h o w")) == std::vector<std::string>{"shit", "show"});
  // Two single letters are not a word spelt out.
  CHECK(Words(Norm("Plan B or C")) == std::vector<std::string>{"plan", "b", "or", "c"});
  // A one-letter word before a word spelt out with another separator keeps its own letter.
  CHECK(Words(Norm("what a f-u-c-k-i-n-g mess")) ==
        std::vector<std::string>{"what", "a", "fucking", "mess"});
  CHECK(Words(Norm("I a s.h.i.t")) == std::vector<std::string>{"i", "a", "shit"});
  const NormalizedText n = Norm("F U C K");
  CHECK((n.tokens[0].flags & kSplit) != 0);
}

TEST_CASE("normaliser squeezes stretched letters and remembers how many") {
  const NormalizedText n = Norm("fuuuuuck shiiiit all");
  REQUIRE(n.tokens.size() == 3);
  CHECK(n.TokenText(n.tokens[0]) == "fuck");
  CHECK(n.chars[n.tokens[0].first + 1].run == 5);
  CHECK((n.tokens[0].flags & kStretched) != 0);
  CHECK(n.TokenText(n.tokens[2]) == "al");  // matching text squeezes doubles too...
  CHECK(n.PlainText(n.tokens[2]) == "all");  // ...word comparisons use the plain form
  CHECK((n.tokens[2].flags & kStretched) == 0);
}

TEST_CASE("normaliser counts a doubled letter in a stretched word as stretched") {
  const NormalizedText n = Norm("ffuuuckk all");
  REQUIRE(n.tokens.size() == 2);
  CHECK(n.TokenText(n.tokens[0]) == "fuck");
  CHECK(n.chars[n.tokens[0].first].run == 3);      // "ff"
  CHECK(n.chars[n.tokens[0].first + 1].run == 3);  // "uuu"
  CHECK(n.chars[n.tokens[0].first + 3].run == 3);  // "kk"
  CHECK(n.chars[n.tokens[1].first + 1].run == 2);  // "all" is not stretched: its double stays
}

TEST_CASE("normaliser turns meaningful emoji into words and drops skin tones") {
  // 🖕🏽 (middle finger, medium skin tone)
  const NormalizedText n = Norm("\xf0\x9f\x96\x95\xf0\x9f\x8f\xbd ok");
  REQUIRE(n.tokens.size() == 2);
  CHECK(n.PlainText(n.tokens[0]) == "^middlefinger");
  CHECK((n.tokens[0].flags & kEmojiToken) != 0);
  // The span is the emoji itself; the dropped skin-tone modifier is not part of it.
  CHECK(n.tokens[0].begin == 0);
  CHECK(n.tokens[0].end == 4);
  // An emoji without a meaning separates words and is otherwise ignored.
  CHECK(Words(Norm("good\xf0\x9f\x8c\xb2job")) == std::vector<std::string>{"good", "job"});
}

TEST_CASE("normaliser repairs invalid UTF-8 instead of failing") {
  const std::string bad = std::string("caf\xc3") + " \xff\xfe ok \xe2\x80" + "shit\xf0\x9f";
  const NormalizedText n = Norm(bad);
  CHECK(Words(n) == std::vector<std::string>{"caf", "ok", "shit"});
  CHECK(Norm("").tokens.empty());
  CHECK(Norm("\xc0\xaf\xed\xa0\x80").tokens.empty());  // overlong '/', a surrogate
}

TEST_CASE("normaliser maps every matching character back to its original bytes") {
  // "ｆu" : a 3-byte fullwidth f then ASCII u; "w\u200bank" : the ZWSP is dropped.
  const std::string text = "\xef\xbd\x86u w\xe2\x80\x8b" "ank";
  const NormalizedText n = Norm(text);
  REQUIRE(n.tokens.size() == 2);
  CHECK(n.chars[n.tokens[0].first].begin == 0);
  CHECK(n.chars[n.tokens[0].first].end == 3);
  CHECK(n.chars[n.tokens[0].first + 1].begin == 3);
  CHECK(n.tokens[1].begin == 5);
  CHECK(n.tokens[1].end == text.size());
  CHECK(n.chars[n.tokens[1].first + 1].begin == 9);  // 'a' after the 3-byte ZWSP
}

TEST_CASE("normaliser finds sentences, questions and pauses") {
  const NormalizedText n = Norm("Hi, is it on? Great!! what?! ok. Mr. Jones said so");
  REQUIRE(n.sentences.size() == 5);
  CHECK(n.sentences[0].end_mark == '?');
  CHECK(n.sentences[1].end_mark == '!');
  CHECK(n.sentences[2].exclaimed_question);
  CHECK(n.sentences[3].end_mark == '.');
  // "Mr." does not end a sentence: the last one is "Mr. Jones said so".
  CHECK(n.PlainText(n.tokens[n.sentences[4].first]) == "mr");
  CHECK(n.sentences[4].last == n.tokens.size());
  CHECK((n.tokens[0].flags & kPauseAfter) != 0);
}

TEST_CASE("normaliser keeps apostrophes inside words and marks possessives") {
  const NormalizedText n = Norm("don't touch the head's car, parents' evening");
  CHECK(Words(n) ==
        std::vector<std::string>{"don't", "touch", "the", "head's", "car", "parents", "evening"});
  CHECK((n.tokens[3].flags & kPossessive) != 0);
}

TEST_CASE("normaliser handles a megabyte of text in one call") {
  std::string big;
  while (big.size() < 1'000'000) big += "Lovely assembly, well done Year 4! ";
  const NormalizedText n = Norm(big);
  CHECK(n.tokens.size() > 150'000);
  CHECK(n.tokens.back().end <= big.size());
}

}  // namespace schoolmod::moderation::classifier
