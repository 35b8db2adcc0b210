#include <catch2/catch.hpp>

#include "graph_fixture.h"
#include "instagram/parse.h"

namespace schoolmod::connectors::graph_test {
namespace {

using graph::Json;

TEST_CASE("instagram parse: the fixture comments, withheld author and own reply by username") {
  std::string reason;
  auto media_page = Json::parse(FixtureFile("instagram/media_page1.json"));
  auto media = instagram::ParseMedia(media_page["data"][0], reason);
  REQUIRE(media);
  CHECK(media->id == "18034562781290417");
  CHECK(media->comments_count == 3);
  CHECK(media->permalink == "https://www.instagram.com/p/DC3kQ8vNwZa/");

  auto page = Json::parse(FixtureFile("instagram/comments_page1.json"));
  instagram::Owner owner{kIgUserId, "oakfieldprimary"};
  auto anonymous = instagram::ParseComment(page["data"][0], *media, owner, std::nullopt, reason);
  REQUIRE(anonymous);
  CHECK_FALSE(anonymous->author_id);
  CHECK_FALSE(anonymous->author_name);
  CHECK(anonymous->permalink == media->permalink);

  const Json& reply_json = page["data"][1]["replies"]["data"][0];
  auto own = instagram::ParseComment(reply_json, *media, owner, std::nullopt, reason);
  REQUIRE(own);
  CHECK(own->own);
  CHECK(own->parent_id == std::optional<std::string>("17862390145203688"));

  // The owner recognised by username alone (which id Graph puts in `from` is unconfirmed).
  Json by_name = reply_json;
  by_name["from"]["id"] = "99999";
  instagram::Owner other_id{"12345", "oakfieldprimary"};
  CHECK(instagram::ParseComment(by_name, *media, other_id, std::nullopt, reason)->own);
  instagram::Owner nobody{"12345", ""};
  CHECK_FALSE(instagram::ParseComment(by_name, *media, nobody, std::nullopt, reason)->own);

  // A reply listed without parent_id takes its parent from where it was listed.
  Json bare = reply_json;
  bare.erase("parent_id");
  CHECK(instagram::ParseComment(bare, *media, owner, std::string("777"), reason)->parent_id ==
        std::optional<std::string>("777"));
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
