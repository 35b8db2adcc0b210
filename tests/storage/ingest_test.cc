#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include "storage_test_util.h"

namespace schoolmod::storage::testing {
namespace {

using moderation::Category;
using moderation::VerdictKind;

// Every table the ingest writes, with its row count.
std::vector<std::int64_t> AllCounts(const schoolmod::testing::TempDir& dir) {
  std::vector<std::int64_t> counts;
  for (const char* table : {"comments", "verdicts", "sla_items", "action_outbox",
                            "notification_outbox", "audit_log", "account_states"}) {
    counts.push_back(RowCount(dir, table));
  }
  return counts;
}

IngestItem OffensiveItem(const std::string& platform_id, TimePoint created) {
  IngestItem item = MakeItem(platform_id, "you are all idiots", created);
  item.verdict = MakeVerdict(VerdictKind::kRemove, {Category::kInsult}, 2);
  item.verdict.actions = {moderation::RecommendedAction::kHide};
  moderation::Reason reason;
  reason.category = Category::kInsult;
  reason.rule = "lexicon:insult";
  reason.begin = 12;
  reason.end = 18;
  reason.explanation = "Insulting word";
  item.verdict.reasons.push_back(reason);
  PlannedAction hide;
  hide.kind = connectors::ActionKind::kHide;
  hide.reason = "insult";
  hide.requested_by = "policy";
  hide.idempotency_key = "hide:acct-1:" + platform_id;
  item.actions.push_back(hide);
  return item;
}

}  // namespace

TEST_CASE("ingest stores new comments with verdict, clock, side effects and the new cursor") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  PollBatch batch =
      MakeBatch({MakeItem("c1", "When is parents' evening?", T(0)), OffensiveItem("c2", T(1))},
                "cursor-after-c2", T(2));
  batch.next_poll_at = T(3);
  auto report = Must(db->IngestPoll(batch));

  CHECK(report.new_count == 2);
  CHECK(report.edited_count == 0);
  CHECK(report.actions_enqueued == 1);
  CHECK(report.notifications_enqueued == 2);
  REQUIRE(report.comments.size() == 2);
  CHECK(report.comments[0].status == IngestStatus::kNew);
  CHECK(report.comments[0].platform_id == "c1");
  CHECK(report.comments[1].comment_id != report.comments[0].comment_id);

  auto item = Must(db->GetItem(report.comments[1].comment_id));
  REQUIRE(item.has_value());
  CHECK(item->comment.comment.text == "you are all idiots");
  CHECK(item->comment.account_id == "acct-1");
  CHECK(item->comment.platform == "replay");
  CHECK(item->comment.school_id == "school-1");
  CHECK(item->comment.comment.author_name == std::optional<std::string>("A Parent"));
  CHECK(item->comment.fetched_at == T(2));
  REQUIRE(item->verdict.has_value());
  CHECK(item->verdict->verdict.verdict == VerdictKind::kRemove);
  CHECK(item->verdict->verdict.categories == std::vector<Category>{Category::kInsult});
  CHECK(item->verdict->verdict.severity == 2);
  CHECK(item->verdict->verdict.classifier == "test-classifier 1");
  CHECK(item->verdict->decided_at == T(2));
  REQUIRE(item->verdict->verdict.reasons.size() == 1);
  CHECK(item->verdict->verdict.reasons[0].rule == "lexicon:insult");
  CHECK(item->verdict->verdict.reasons[0].begin == 12);
  CHECK(item->verdict->verdict.reasons[0].end == 18);
  CHECK(item->verdict->verdict.actions ==
        std::vector<moderation::RecommendedAction>{moderation::RecommendedAction::kHide});
  REQUIRE(item->sla.has_value());
  CHECK(item->sla->received_at == T(1));
  CHECK(item->sla->due_at == T(25));
  CHECK(item->sla->state == SlaState::kOpen);
  REQUIRE(item->actions.size() == 1);
  CHECK(item->actions[0].kind == connectors::ActionKind::kHide);
  CHECK(item->actions[0].state == ActionState::kPending);
  CHECK(item->actions[0].comment_platform_id == "c2");
  REQUIRE(item->audit.size() == 1);
  CHECK(item->audit[0].entry.action == "action.request");
  CHECK(item->audit[0].entry.actor == "policy");

  auto state = Must(db->GetAccountState("acct-1"));
  REQUIRE(state.has_value());
  CHECK(state->platform == "replay");
  CHECK(state->cursor.value == "cursor-after-c2");
  CHECK(state->last_poll_at == T(2));
  CHECK(state->last_success_at == T(2));
  CHECK(state->next_poll_at == T(3));
  CHECK_FALSE(state->error_kind.has_value());
  CHECK(state->consecutive_failures == 0);
}

TEST_CASE("ingesting the same batch twice changes nothing") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  PollBatch batch =
      MakeBatch({MakeItem("c1", "Question?", T(0)), OffensiveItem("c2", T(1))}, "cur-2", T(2));
  Must(db->IngestPoll(batch));
  const auto before = AllCounts(dir);

  auto again = Must(db->IngestPoll(batch));
  CHECK(again.new_count == 0);
  CHECK(again.edited_count == 0);
  CHECK(again.actions_enqueued == 0);
  CHECK(again.notifications_enqueued == 0);
  REQUIRE(again.comments.size() == 2);
  for (const auto& c : again.comments) CHECK(c.status == IngestStatus::kUnchanged);
  CHECK(AllCounts(dir) == before);
}

TEST_CASE("a poll that fails mid-way leaves nothing behind") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  Must(db->IngestPoll(MakeBatch({MakeItem("c0", "Earlier comment", T(0))}, "cur-1", T(1))));
  const auto before = AllCounts(dir);
  const auto items_before = Must(db->ListItems(AllItems()));

  SECTION("an item storage refuses before writing it") {
    IngestItem bad = MakeItem("", "no id", T(2));
    auto r = db->IngestPoll(MakeBatch(
        {MakeItem("c1", "first, stored then rolled back", T(2)), OffensiveItem("c2", T(2)), bad},
        "cur-2", T(3)));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
    CHECK(r.error().message.find("item 2") != std::string::npos);
  }
  SECTION("an item the database refuses (CHECK constraint) after earlier items were written") {
    IngestItem bad = MakeItem("c3", "severity out of range", T(2));
    bad.verdict.severity = 9;
    auto r = db->IngestPoll(MakeBatch(
        {MakeItem("c1", "first, stored then rolled back", T(2)), OffensiveItem("c2", T(2)), bad},
        "cur-2", T(3)));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermanent);
    CHECK(r.error().message.find("acct-1") != std::string::npos);
  }
  SECTION("a failure in the very last write (the account row)") {
    // A trigger makes the final statement of the transaction fail: everything before it
    // (comments, verdicts, clocks, outbox rows, audit rows) must be rolled back.
    {
      SQLite::Database raw(DbPath(dir), SQLite::OPEN_READWRITE);
      raw.exec(
          "CREATE TRIGGER fail_cursor BEFORE UPDATE ON account_states "
          "WHEN NEW.cursor = 'cur-poison' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }
    auto r = db->IngestPoll(MakeBatch(
        {MakeItem("c1", "first, stored then rolled back", T(2)), OffensiveItem("c2", T(2))},
        "cur-poison", T(3)));
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("injected failure") != std::string::npos);
  }

  CHECK(AllCounts(dir) == before);
  auto state = Must(db->GetAccountState("acct-1"));
  REQUIRE(state.has_value());
  CHECK(state->cursor.value == "cur-1");
  CHECK(state->last_poll_at == T(1));
  const auto items_after = Must(db->ListItems(AllItems()));
  REQUIRE(items_after.size() == items_before.size());
  CHECK(items_after[0].comment.comment.platform_id == "c0");
  CHECK(Must(db->CountActions(ActionState::kPending)) == 0);
  CHECK(Must(db->CountNotifications(NotificationState::kPending)) == 1);  // c0's reminder only
}

TEST_CASE("an edited comment updates its text and keeps the verdict history") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto first = Must(db->IngestPoll(MakeBatch({MakeItem("c1", "Nice photos", T(0))}, "a", T(1))));
  const std::int64_t id = first.comments[0].comment_id;
  Must(db->MarkReviewed(id, "s.travis", "fine", T(2)));

  IngestItem edited = OffensiveItem("c1", T(0));
  edited.comment.text = "Nice photos, idiots";
  edited.comment.updated_at = T(3);
  auto second = Must(db->IngestPoll(MakeBatch({edited}, "b", T(4))));
  CHECK(second.edited_count == 1);
  CHECK(second.new_count == 0);
  REQUIRE(second.comments.size() == 1);
  CHECK(second.comments[0].status == IngestStatus::kEdited);
  CHECK(second.comments[0].comment_id == id);
  CHECK(second.actions_enqueued == 1);  // the edited text's planned hide

  auto item = Must(db->GetItem(id));
  REQUIRE(item.has_value());
  CHECK(item->comment.comment.text == "Nice photos, idiots");
  CHECK(item->comment.comment.updated_at == T(3));
  CHECK_FALSE(item->comment.reviewed_at.has_value());  // an edit needs a fresh look
  REQUIRE(item->verdict_history.size() == 2);
  CHECK(item->verdict_history[0].verdict.verdict == VerdictKind::kRemove);  // newest first
  CHECK(item->verdict_history[0].decided_at == T(4));
  CHECK(item->verdict_history[1].verdict.verdict == VerdictKind::kOk);
  CHECK(item->verdict_history[1].decided_at == T(1));
  REQUIRE(item->verdict.has_value());
  CHECK(item->verdict->id == item->verdict_history[0].id);
  CHECK(RowCount(dir, "comments") == 1);
  CHECK(RowCount(dir, "sla_items") == 1);  // the clock keeps running from the original receipt

  // The same edited page again is unchanged.
  auto third = Must(db->IngestPoll(MakeBatch({edited}, "b", T(4))));
  CHECK(third.comments[0].status == IngestStatus::kUnchanged);
  CHECK(RowCount(dir, "verdicts") == 2);
}

TEST_CASE("an own reply stops the parent's clock") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto first =
      Must(db->IngestPoll(MakeBatch({MakeItem("c1", "Is school open?", T(0))}, "a", T(1))));
  const std::int64_t parent = first.comments[0].comment_id;

  IngestItem reply = MakeItem("r1", "Yes, open as usual.", T(2));
  reply.comment.own = true;
  reply.comment.parent_id = "c1";
  reply.notifications.clear();
  auto second = Must(db->IngestPoll(MakeBatch({reply}, "b", T(3))));
  CHECK(second.clocks_stopped == 1);

  auto item = Must(db->GetItem(parent));
  REQUIRE(item->sla.has_value());
  CHECK(item->sla->state == SlaState::kStopped);
  CHECK(item->sla->stopped_by == "account");
  CHECK(item->sla->stop_reason == "account replied in thread");
  CHECK(item->sla->stopped_at == T(2));  // when the school replied, not when we noticed
  CHECK(Must(db->CountNotifications(NotificationState::kCancelled)) == 1);  // c1's reminder
  REQUIRE_FALSE(item->audit.empty());
  CHECK(item->audit.back().entry.action == "sla.stop");

  // The own reply has no clock of its own (its due_at is ignored) and is not a queue item.
  auto reply_item = Must(db->GetItem(second.comments[0].comment_id));
  REQUIRE(reply_item.has_value());
  CHECK(reply_item->comment.comment.own);
  CHECK_FALSE(reply_item->sla.has_value());
  CHECK(Must(db->ListItems(AllItems())).size() == 1);
}

TEST_CASE("a comment deleted on the platform is marked gone and its clock stops") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto first = Must(db->IngestPoll(MakeBatch({MakeItem("c1", "Question", T(0))}, "a", T(1))));
  const std::int64_t id = first.comments[0].comment_id;

  IngestItem tombstone = MakeItem("c1", "", T(0));
  tombstone.comment.deleted = true;
  IngestItem unknown = MakeItem("never-seen", "", T(0));
  unknown.comment.deleted = true;
  auto second = Must(db->IngestPoll(MakeBatch({tombstone, unknown}, "b", T(5))));
  CHECK(second.deleted_count == 1);
  REQUIRE(second.comments.size() == 2);
  CHECK(second.comments[0].status == IngestStatus::kDeleted);
  CHECK(second.comments[1].status == IngestStatus::kIgnored);
  CHECK(second.comments[1].comment_id == 0);
  CHECK(RowCount(dir, "comments") == 1);

  auto item = Must(db->GetItem(id));
  CHECK(item->comment.deleted_at == T(5));
  CHECK(item->comment.comment.deleted);
  CHECK(item->comment.comment.text == "Question");  // kept: the deletion carries no text
  REQUIRE(item->sla.has_value());
  CHECK(item->sla->state == SlaState::kStopped);
  CHECK(item->sla->stop_reason == "deleted on platform");
  CHECK(item->sla->stopped_by == "platform");

  auto third = Must(db->IngestPoll(MakeBatch({tombstone}, "b", T(6))));
  CHECK(third.comments[0].status == IngestStatus::kUnchanged);
  CHECK(Must(db->GetItem(id))->comment.deleted_at == T(5));
}

TEST_CASE("a failed poll is recorded without moving the cursor, and the next success clears it") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  Must(db->IngestPoll(MakeBatch({}, "cur-1", T(0))));
  Must(db->RecordPollFailure("acct-1", "replay", Error::Auth("token revoked"), T(1), T(2)));
  Must(db->RecordPollFailure("acct-1", "replay", Error::Auth("token revoked"), T(2), T(4)));

  auto state = Must(db->GetAccountState("acct-1"));
  REQUIRE(state.has_value());
  CHECK(state->cursor.value == "cur-1");
  CHECK(state->error_kind == ErrorKind::kAuth);
  CHECK(state->error_message == "token revoked");
  CHECK(state->consecutive_failures == 2);
  CHECK(state->last_poll_at == T(2));
  CHECK(state->last_success_at == T(0));
  CHECK(state->next_poll_at == T(4));

  Must(db->RecordPollFailure("acct-2", "facebook", Error::Transient("timeout"), T(1), {}));
  auto states = Must(db->ListAccountStates());
  REQUIRE(states.size() == 2);
  CHECK(states[1].account_id == "acct-2");
  CHECK_FALSE(states[1].last_success_at.has_value());

  Must(db->IngestPoll(MakeBatch({}, "cur-2", T(5))));
  state = Must(db->GetAccountState("acct-1"));
  CHECK_FALSE(state->error_kind.has_value());
  CHECK(state->error_message.empty());
  CHECK(state->consecutive_failures == 0);
  CHECK(state->cursor.value == "cur-2");
  CHECK_FALSE(Must(db->GetAccountState("nobody")).has_value());
}

TEST_CASE("hostile text is stored and returned byte for byte") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::string hostile = std::string("'); DROP TABLE comments; --\n<script>\"x\"</script> ") +
                              std::string("nul\0byte", 8) + " \xF0\x9F\x98\x80";
  IngestItem item = MakeItem("c'1\"", hostile, T(0));
  item.comment.author_name = "Robert'); DROP TABLE audit_log;--";
  auto report = Must(db->IngestPoll(MakeBatch({item}, "cur'\"", T(1))));
  auto stored = Must(db->GetItem(report.comments[0].comment_id));
  REQUIRE(stored.has_value());
  CHECK(stored->comment.comment.text == hostile);
  CHECK(stored->comment.comment.platform_id == "c'1\"");
  CHECK(stored->comment.comment.author_name == item.comment.author_name);
  CHECK(Must(db->GetAccountState("acct-1"))->cursor.value == "cur'\"");
  CHECK(RowCount(dir, "audit_log") == 0);
}

TEST_CASE("another process holding the write lock makes a write kTransient, not an exception") {
  schoolmod::testing::TempDir dir;
  Options options;
  options.busy_timeout = std::chrono::milliseconds(0);
  auto db = OpenDb(dir, options);
  SQLite::Database other(DbPath(dir), SQLite::OPEN_READWRITE);
  SQLite::Transaction lock(other, SQLite::TransactionBehavior::IMMEDIATE);

  auto r = db->IngestPoll(MakeBatch({MakeItem("c1", "hi", T(0))}, "a", T(1)));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find("ingest poll account=acct-1") != std::string::npos);
  // Reads still work under WAL while the other process writes.
  CHECK(Must(db->ListItems({})).empty());
}

}  // namespace schoolmod::storage::testing
