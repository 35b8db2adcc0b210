#include <catch2/catch.hpp>

#include "facebook/parse.h"
#include "graph_fixture.h"

namespace schoolmod::connectors::graph_test {
namespace {

using graph::Json;

TEST_CASE("facebook parse: the fixture posts and comments, withheld author and own reply") {
  std::string reason;
  auto posts = Json::parse(FixtureFile("facebook/published_posts_page1.json"));
  auto post = facebook::ParsePost(posts["data"][0], reason);
  REQUIRE(post);
  CHECK(post->id == "104857263301122_918273645501234");
  CHECK(post->created == At("2024-11-28T15:00:03Z"));
  CHECK(post->updated == At("2024-11-28T18:05:32Z"));

  auto page = Json::parse(FixtureFile("facebook/comments_page1.json"));
  auto anonymous = facebook::ParseComment(page["data"][0], *post, kPageId, reason);
  REQUIRE(anonymous);  // no `from`: kept, author unknown
  CHECK(anonymous->platform_id == "918273645501234_1284481102359578");
  CHECK(anonymous->post_id == post->id);
  CHECK_FALSE(anonymous->author_id);
  CHECK_FALSE(anonymous->author_name);
  CHECK_FALSE(anonymous->own);
  CHECK(anonymous->text == "Will there be a card machine at the tombola or is it cash only?");
  CHECK(anonymous->created_at == At("2024-11-28T18:05:32Z"));
  CHECK_THAT(anonymous->permalink, Catch::StartsWith("https://www.facebook.com/"));

  auto own = facebook::ParseComment(page["data"][1], *post, kPageId, reason);
  REQUIRE(own);
  CHECK(own->own);
  CHECK(own->author_id == std::optional<std::string>(kPageId));
  CHECK(own->parent_id == std::optional<std::string>("918273645501234_1284466719027351"));

  auto parent = facebook::ParseComment(page["data"][2], *post, kPageId, reason);
  REQUIRE(parent);
  CHECK_FALSE(parent->own);
  CHECK(parent->author_name == std::optional<std::string>("Sarah Thompson"));
  CHECK_FALSE(parent->parent_id);
  CHECK_FALSE(parent->hidden);
}

TEST_CASE("facebook parse: untrusted values are checked, not trusted") {
  facebook::Post post{"1_2", At("2024-11-28T15:00:03Z"), std::nullopt, ""};
  std::string reason;
  CHECK_FALSE(facebook::ParseComment(Json::parse(R"({"message":"no id"})"), post, kPageId, reason));
  CHECK(reason == "comment without a usable id");
  CHECK_FALSE(facebook::ParseComment(
      Json::parse(R"({"id":"../../me","created_time":"2024-11-28T15:00:03+0000"})"), post,
      kPageId, reason));
  CHECK_FALSE(facebook::ParseComment(Json::parse(R"({"id":"2_3","created_time":"yesterday"})"),
                                     post, kPageId, reason));
  CHECK(reason == "comment without a usable created_time");

  auto odd = facebook::ParseComment(
      Json::parse(R"j({"id":"2_3","created_time":"2024-11-28T15:00:03+0000","message":42,
                      "from":{"id":"x/y","name":"N"},"parent":"2_1","is_hidden":"yes",
                      "permalink_url":"javascript:alert(1)"})j"),
      post, kPageId, reason);
  REQUIRE(odd);
  CHECK(odd->text.empty());        // a photo-only comment looks like this too
  CHECK_FALSE(odd->author_id);     // malformed id: unknown author, comment kept
  CHECK(odd->author_name == std::optional<std::string>("N"));
  CHECK_FALSE(odd->parent_id);
  CHECK_FALSE(odd->hidden);
  CHECK(odd->permalink.empty());
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
