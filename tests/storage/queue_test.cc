#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "storage_test_util.h"

namespace schoolmod::storage::testing {
namespace {

using moderation::Category;
using moderation::VerdictKind;

std::vector<std::string> PlatformIds(const std::vector<ItemSummary>& items) {
  std::vector<std::string> ids;
  for (const auto& i : items) ids.push_back(i.comment.comment.platform_id);
  return ids;
}

// A queue with a bit of everything, stored in one poll:
//   q-late   query, due T(30)            q-soon  query, due T(10)
//   praise   ok, no clock (not open)     insult  remove/insult, no clock (open until reviewed)
//   other    query at school-2/acct-2 (second poll), due T(20)
//   own      the school's own post comment (never an item)
struct Queue {
  std::int64_t late = 0, soon = 0, praise = 0, insult = 0, other = 0;
};

Queue Fill(Database& db) {
  IngestItem late = MakeItem("q-late", "question 1", T(6));
  IngestItem soon = MakeItem("q-soon", "question 2", T(0));
  soon.due_at = T(10);
  IngestItem praise = MakeItem("praise", "lovely", T(1));
  praise.verdict = MakeVerdict(VerdictKind::kOk, {Category::kPraise});
  praise.due_at.reset();
  praise.notifications.clear();
  IngestItem insult = MakeItem("insult", "idiots", T(2));
  insult.verdict = MakeVerdict(VerdictKind::kRemove, {Category::kInsult, Category::kProfanity}, 2);
  insult.due_at.reset();
  insult.notifications.clear();
  IngestItem own = MakeItem("own", "Thanks all!", T(3));
  own.comment.own = true;
  own.notifications.clear();
  auto r = Must(db.IngestPoll(MakeBatch({late, soon, praise, insult, own}, "c", T(7))));

  IngestItem other = MakeItem("other", "question 3", T(4));
  other.due_at = T(20);
  other.school_id = "school-2";
  other.notifications[0].dedupe_key = "other-reminder";
  auto r2 = Must(db.IngestPoll(MakeBatch({other}, "c", T(7), "acct-2")));
  return {r.comments[0].comment_id, r.comments[1].comment_id, r.comments[2].comment_id,
          r.comments[3].comment_id, r2.comments[0].comment_id};
}

}  // namespace

TEST_CASE("the open queue lists running clocks soonest first, then unreviewed flagged items") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  Fill(*db);
  auto open = Must(db->ListItems({}));
  CHECK(PlatformIds(open) == std::vector<std::string>{"q-soon", "other", "q-late", "insult"});
  REQUIRE(open[0].sla.has_value());
  CHECK(open[0].sla->due_at == T(10));
  REQUIRE(open[0].verdict.has_value());
  CHECK(open[0].verdict->verdict.verdict == VerdictKind::kOk);
  CHECK_FALSE(open[3].sla.has_value());

  auto all = Must(db->ListItems(AllItems()));
  CHECK(PlatformIds(all) ==
        std::vector<std::string>{"q-soon", "other", "q-late", "praise", "insult"});
}

TEST_CASE("queue filters and paging") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const Queue q = Fill(*db);
  ItemFilter f = AllItems();

  SECTION("school and account") {
    f.school_id = "school-2";
    CHECK(PlatformIds(Must(db->ListItems(f))) == std::vector<std::string>{"other"});
    f.school_id.reset();
    f.account_id = "acct-1";
    CHECK(Must(db->ListItems(f)).size() == 4);
  }
  SECTION("verdict and category") {
    f.verdict = VerdictKind::kRemove;
    CHECK(PlatformIds(Must(db->ListItems(f))) == std::vector<std::string>{"insult"});
    f.verdict.reset();
    f.category = Category::kProfanity;
    CHECK(PlatformIds(Must(db->ListItems(f))) == std::vector<std::string>{"insult"});
    f.category = Category::kQuery;
    CHECK(Must(db->ListItems(f)).size() == 3);
    f.category = Category::kHate;
    CHECK(Must(db->ListItems(f)).empty());
  }
  SECTION("due before (breached / due soon)") {
    f.due_before = T(20);
    CHECK(PlatformIds(Must(db->ListItems(f))) == std::vector<std::string>{"q-soon", "other"});
  }
  SECTION("pages of two follow the same order") {
    f.limit = 2;
    auto page1 = Must(db->ListItems(f));
    CHECK(PlatformIds(page1) == std::vector<std::string>{"q-soon", "other"});
    f.after_id = page1.back().comment.id;
    auto page2 = Must(db->ListItems(f));
    CHECK(PlatformIds(page2) == std::vector<std::string>{"q-late", "praise"});
    f.after_id = page2.back().comment.id;
    CHECK(PlatformIds(Must(db->ListItems(f))) == std::vector<std::string>{"insult"});
    f.after_id = q.insult;
    CHECK(Must(db->ListItems(f)).empty());
  }
}

TEST_CASE("StopSla stops the clock, cancels pending reminders and writes an audit row") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  IngestItem item = MakeItem("c1", "When do you break up?", T(0));
  PlannedNotification breach = item.notifications[0];
  breach.kind = std::string(kBreachNotification);
  breach.due_at = T(24);
  breach.dedupe_key = "breach:c1:head";
  PlannedNotification safeguarding = item.notifications[0];
  safeguarding.kind = "safeguarding";
  safeguarding.dedupe_key = "sg:c1";
  item.notifications.push_back(breach);
  item.notifications.push_back(safeguarding);
  auto report = Must(db->IngestPoll(MakeBatch({item}, "c", T(1))));
  const std::int64_t id = report.comments[0].comment_id;
  REQUIRE(Must(db->CountNotifications(NotificationState::kPending)) == 3);

  CHECK(Must(db->StopSla(id, "t.hill", "acknowledged by phone", T(2))));
  auto detail = Must(db->GetItem(id));
  REQUIRE(detail->sla.has_value());
  CHECK(detail->sla->state == SlaState::kStopped);
  CHECK(detail->sla->stopped_by == "t.hill");
  CHECK(detail->sla->stop_reason == "acknowledged by phone");
  CHECK(detail->sla->stopped_at == T(2));
  // reminder and breach cancelled; the safeguarding alert still goes.
  CHECK(Must(db->CountNotifications(NotificationState::kCancelled)) == 2);
  CHECK(Must(db->CountNotifications(NotificationState::kPending)) == 1);
  REQUIRE(detail->audit.size() == 1);
  CHECK(detail->audit[0].entry.action == "sla.stop");
  CHECK(detail->audit[0].entry.actor == "t.hill");
  CHECK(detail->audit[0].entry.reason == "acknowledged by phone");
  CHECK(detail->audit[0].entry.subject == CommentSubject(id));

  CHECK(Must(db->ListItems({})).empty());  // ok verdict, clock stopped: not open
  CHECK_FALSE(Must(db->StopSla(id, "t.hill", "again", T(3))));  // nothing running
  CHECK(Must(db->GetItem(id))->audit.size() == 1);

  auto unknown = db->StopSla(999, "t.hill", "x", T(3));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("a reviewed item leaves the open queue until the comment is edited") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const Queue q = Fill(*db);
  Must(db->MarkReviewed(q.insult, "s.travis", "left: banter between parents", T(8)));
  CHECK(PlatformIds(Must(db->ListItems({}))) ==
        std::vector<std::string>{"q-soon", "other", "q-late"});
  auto detail = Must(db->GetItem(q.insult));
  CHECK(detail->comment.reviewed_by == "s.travis");
  CHECK(detail->comment.reviewed_at == T(8));
  CHECK(detail->audit.back().entry.action == "item.review");

  IngestItem edited = MakeItem("insult", "idiots, all of you", T(2));
  edited.verdict = MakeVerdict(VerdictKind::kRemove, {Category::kInsult}, 3);
  edited.due_at.reset();
  edited.notifications.clear();
  Must(db->IngestPoll(MakeBatch({edited}, "c", T(9))));
  CHECK(PlatformIds(Must(db->ListItems({}))).back() == "insult");

  CHECK_FALSE(db->MarkReviewed(999, "s.travis", "", T(9)));
}

TEST_CASE("a breach is recorded once, on a running clock only") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const Queue q = Fill(*db);
  CHECK(Must(db->MarkSlaBreached(q.soon, T(10))));
  CHECK_FALSE(Must(db->MarkSlaBreached(q.soon, T(11))));
  CHECK(Must(db->GetItem(q.soon))->sla->breached_at == T(10));
  CHECK_FALSE(Must(db->MarkSlaBreached(q.praise, T(11))));  // no clock
}

TEST_CASE("retention empties old text but keeps the figures, and a purged row is never an edit") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const Queue q = Fill(*db);
  // Send q-soon's reminder so its body is finished business.
  auto emails = Must(db->ClaimDueNotifications(T(100), 1));
  REQUIRE(emails.size() == 1);
  REQUIRE(emails[0].item_id == std::optional<std::int64_t>(q.soon));
  Must(db->MarkNotificationSent(emails[0].id, "<m@x>", T(100)));

  // Comments created before T(3): q-soon (T0), praise (T1), insult (T2).
  CHECK(Must(db->PurgeCommentText(T(3), "schoolmodd", T(200))) == 3);
  CHECK(Must(db->PurgeCommentText(T(3), "schoolmodd", T(201))) == 0);  // nothing left to do

  auto soon = Must(db->GetItem(q.soon));
  CHECK(soon->comment.text_purged);
  CHECK(soon->comment.comment.text.empty());
  CHECK_FALSE(soon->comment.comment.author_name.has_value());
  CHECK(soon->comment.comment.author_id == std::optional<std::string>("author-1"));
  CHECK(soon->verdict.has_value());  // figures stay
  CHECK(soon->sla.has_value());
  auto late = Must(db->GetItem(q.late));
  CHECK_FALSE(late->comment.text_purged);
  CHECK(late->comment.comment.text == "question 1");

  auto audit = Must(db->ListAudit({}));
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].entry.action == "retention.purge");
  Must(db->VerifyAuditChain());

  // The platform still shows the old text: without it stored, that is not an edit.
  IngestItem again = MakeItem("q-soon", "question 2", T(0));
  auto report = Must(db->IngestPoll(MakeBatch({again}, "c", T(300))));
  CHECK(report.comments[0].status == IngestStatus::kUnchanged);
  CHECK(Must(db->GetItem(q.soon))->verdict_history.size() == 1);
  CHECK(RowCount(dir, "notification_outbox") == 3);
}

TEST_CASE("an unknown item is not found rather than an error") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto item = Must(db->GetItem(12345));
  CHECK_FALSE(item.has_value());
}

TEST_CASE("an author's removed comments on one account are counted for the repeat-offender rule") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto removed = [](std::string id, std::string author) {
    auto item = MakeItem(std::move(id), "abuse", T(0));
    item.comment.author_id = std::move(author);
    item.verdict = MakeVerdict(moderation::VerdictKind::kRemove, {moderation::Category::kInsult}, 3);
    item.due_at.reset();
    return item;
  };
  auto fine = MakeItem("ok1", "thanks", T(0));
  fine.comment.author_id = "troll";
  Must(db->IngestPoll(MakeBatch({removed("r1", "troll"), removed("r2", "troll"), fine,
                                 removed("r3", "someone-else")}, "c", T(1))));
  Must(db->IngestPoll(MakeBatch({removed("r4", "troll")}, "c", T(1), "acct-2")));
  CHECK(Must(db->CountAuthorRemovals("acct-1", "troll")) == 2);
  CHECK(Must(db->CountAuthorRemovals("acct-1", "someone-else")) == 1);
  CHECK(Must(db->CountAuthorRemovals("acct-2", "troll")) == 1);
  CHECK(Must(db->CountAuthorRemovals("acct-1", "nobody")) == 0);
}

}  // namespace schoolmod::storage::testing
