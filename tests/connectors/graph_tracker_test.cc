#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "graph/tracker.h"

namespace schoolmod::connectors::graph {
namespace {

TimePoint T(int seconds) { return FromUnixSeconds(1732800000 + seconds); }

Comment C(const std::string& id, int created, const std::string& text = "") {
  Comment c;
  c.platform_id = id;
  c.post_id = "p1";
  c.created_at = T(created);
  c.text = text.empty() ? "text of " + id : text;
  return c;
}

SeenComment S(const std::string& id, int created, const std::string& text = "") {
  return {id, T(created), Digest(text.empty() ? "text of " + id : text), false};
}

std::vector<std::string> Ids(const std::vector<Comment>& cs) {
  std::vector<std::string> ids;
  for (const auto& c : cs) ids.push_back(c.platform_id);
  return ids;
}

std::vector<std::string> SeenIds(const PostState& s) {
  std::vector<std::string> ids;
  for (const auto& c : s.seen) ids.push_back(c.id);
  return ids;
}

TEST_CASE("graph cursor round-trips and refuses what is not ours") {
  GraphCursor cursor;
  cursor.swept_at = T(50);
  cursor.own_username = "oakfieldprimary";
  cursor.old_counts["18034562781290417"] = 7;
  PostState& p = cursor.posts["104857263301122_918273645501234"];
  p.floor = T(-100);
  p.count = 3;
  p.seen = {S("918273645501234_2", 20), S("918273645501234_1", 10)};
  p.seen[0].hidden = true;

  auto decoded = DecodeCursor(EncodeCursor(cursor));
  REQUIRE(decoded);
  CHECK(decoded->swept_at == T(50));
  CHECK(decoded->own_username == "oakfieldprimary");
  CHECK(decoded->old_counts == cursor.old_counts);
  REQUIRE(decoded->posts.size() == 1);
  const PostState& q = decoded->posts.begin()->second;
  CHECK(q.floor == T(-100));
  CHECK(q.count == 3);
  REQUIRE(SeenIds(q) == SeenIds(p));
  CHECK(q.seen[0].hidden);
  CHECK(q.seen[0].digest == p.seen[0].digest);
  CHECK(q.seen[1].created == T(10));

  CHECK(DecodeCursor("")->posts.empty());
  CHECK_FALSE(DecodeCursor("not json"));
  CHECK_FALSE(DecodeCursor(R"({"v":2,"posts":{}})"));
  CHECK_FALSE(DecodeCursor(R"({"v":1,"posts":{"p":{"f":"x","s":[]}}})"));
  CHECK_FALSE(DecodeCursor(R"({"v":1,"posts":{"p":{"f":1,"s":[["id",1,"zz",0]]}}})"));
  CHECK_FALSE(DecodeCursor(R"([1,2])"));
}

TEST_CASE("graph diff reports new comments once, at or after the floor") {
  PostState fresh;
  fresh.floor = T(0);
  PostView view;
  view.listed = {C("old", -5), C("a", 0), C("b", 10)};
  auto first = DiffPost(fresh, view, 10);
  CHECK(Ids(first.changed) == std::vector<std::string>{"a", "b"});
  CHECK(first.missing.empty());
  CHECK(SeenIds(first.next) == std::vector<std::string>{"b", "a", "old"});

  view.listed.push_back(C("c", 20));
  auto second = DiffPost(first.next, view, 10);
  CHECK(Ids(second.changed) == std::vector<std::string>{"c"});
}

TEST_CASE("graph diff sees edits and hidden changes") {
  PostState prev;
  prev.seen = {S("a", 10), S("b", 5)};
  PostView view;
  view.listed = {C("a", 10, "edited text"), C("b", 5)};
  view.listed[1].hidden = true;
  auto diff = DiffPost(prev, view, 10);
  REQUIRE(Ids(diff.changed) == std::vector<std::string>{"a", "b"});
  CHECK(diff.changed[0].text == "edited text");
  CHECK(diff.next.seen[0].digest == Digest("edited text"));
  CHECK(diff.next.seen[1].hidden);
  CHECK(DiffPost(diff.next, view, 10).changed.empty());
}

TEST_CASE("graph diff finds missing comments only where the listing is complete") {
  PostState prev;
  prev.seen = {S("new", 30), S("mid", 20), S("old", 10)};
  PostView view;
  view.listed = {C("new", 30)};

  SECTION("everything listed: both others are missing") {
    view.coverage = PostView::Coverage::kAll;
    auto diff = DiffPost(prev, view, 10);
    CHECK(diff.missing.size() == 2);
    CHECK(SeenIds(diff.next) == std::vector<std::string>{"new", "mid", "old"});  // until confirmed
    Forget(diff.next, "mid");
    CHECK(SeenIds(diff.next) == std::vector<std::string>{"new", "old"});
  }
  SECTION("newest first down to 15: only the one newer than that") {
    view.coverage = PostView::Coverage::kNewerThan;
    view.newer_than = T(15);
    auto diff = DiffPost(prev, view, 10);
    REQUIRE(diff.missing.size() == 1);
    CHECK(diff.missing[0].id == "mid");
  }
  SECTION("a comment at the boundary second may be on the next page") {
    view.coverage = PostView::Coverage::kNewerThan;
    view.newer_than = T(20);
    CHECK(DiffPost(prev, view, 10).missing.empty());
  }
  SECTION("a hidden comment may be unlisted where the platform says so") {
    prev.seen[1].hidden = true;  // "mid"
    view.coverage = PostView::Coverage::kAll;
    view.hidden_may_be_unlisted = true;
    auto diff = DiffPost(prev, view, 10);
    REQUIRE(diff.missing.size() == 1);
    CHECK(diff.missing[0].id == "old");
    MarkUnlisted(diff.next, "old");
    CHECK(diff.next.seen[2].hidden);
    view.hidden_may_be_unlisted = false;  // Facebook lists hidden comments
    CHECK(DiffPost(prev, view, 10).missing.size() == 2);
  }
  SECTION("partial listing: nothing missing") {
    view.coverage = PostView::Coverage::kPartial;
    CHECK(DiffPost(prev, view, 10).missing.empty());
  }
}

TEST_CASE("graph diff caps what it remembers and raises the floor past the cut") {
  PostState prev;
  prev.floor = T(0);
  PostView view;
  for (int i = 1; i <= 5; ++i) view.listed.push_back(C("c" + std::to_string(i), i * 10));
  view.listed.push_back(C("c2b", 20));  // same second as c2
  auto diff = DiffPost(prev, view, 3);
  CHECK(diff.changed.size() == 6);
  CHECK(SeenIds(diff.next) == std::vector<std::string>{"c5", "c4", "c3"});
  CHECK(diff.next.floor == T(31));
  // Listed again, the dropped ones are history, not news.
  view.coverage = PostView::Coverage::kNewerThan;
  view.newer_than = T(10);
  CHECK(DiffPost(diff.next, view, 3).changed.empty());
}

TEST_CASE("graph diff ignores a comment listed twice") {
  PostView view;
  view.listed = {C("a", 10), C("a", 10)};
  auto diff = DiffPost(PostState{}, view, 10);
  CHECK(diff.changed.size() == 1);
  CHECK(diff.next.seen.size() == 1);
}

TEST_CASE("graph NeedsOlder stops at the newest remembered comment") {
  PostState prev;
  prev.floor = T(0);
  CHECK(NeedsOlder(prev, C("x", 5)));
  CHECK(NeedsOlder(prev, C("x", 0)));
  CHECK_FALSE(NeedsOlder(prev, C("x", -1)));
  prev.seen = {S("k", 50), S("j", 40)};
  CHECK(NeedsOlder(prev, C("x", 51)));
  CHECK(NeedsOlder(prev, C("same-second", 50)));
  CHECK_FALSE(NeedsOlder(prev, C("k", 50)));
  CHECK_FALSE(NeedsOlder(prev, C("j", 40)));
}

TEST_CASE("graph tombstone carries ids and the deleted flag only") {
  Comment t = Tombstone(S("918_1", 10), "104_918");
  CHECK(t.platform_id == "918_1");
  CHECK(t.post_id == "104_918");
  CHECK(t.deleted);
  CHECK(t.text.empty());
  CHECK(t.created_at == T(10));
}

}  // namespace
}  // namespace schoolmod::connectors::graph
