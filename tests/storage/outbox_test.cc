#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "storage_test_util.h"

namespace schoolmod::storage::testing {
namespace {

PlannedAction Action(connectors::ActionKind kind, const std::string& key) {
  PlannedAction a;
  a.kind = kind;
  a.reason = "offensive";
  a.requested_by = "s.travis";
  a.idempotency_key = key;
  return a;
}

PlannedNotification Email(const std::string& kind, const std::string& recipient, TimePoint due,
                          const std::string& key) {
  PlannedNotification n;
  n.kind = kind;
  n.recipient = recipient;
  n.subject = "Subject";
  n.body_text = "Body";
  n.due_at = due;
  n.dedupe_key = key;
  return n;
}

// One stored comment without planned side effects; returns its id.
std::int64_t StoreComment(Database& db, const std::string& platform_id, TimePoint created) {
  IngestItem item = MakeItem(platform_id, "text of " + platform_id, created);
  item.notifications.clear();
  auto report = Must(db.IngestPoll(MakeBatch({item}, "cur-" + platform_id, created)));
  return report.comments[0].comment_id;
}

}  // namespace

TEST_CASE("actions are claimed, retried and finished") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  auto enqueued =
      Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "k1"), T(1)));
  CHECK(enqueued.created);

  CHECK(Must(db->ClaimDueActions(T(0), 10)).empty());  // not due before it was created
  auto claimed = Must(db->ClaimDueActions(T(1), 10));
  REQUIRE(claimed.size() == 1);
  const OutboxAction a = claimed[0];
  CHECK(a.id == enqueued.id);
  CHECK(a.state == ActionState::kInFlight);
  CHECK(a.attempts == 1);
  CHECK(a.kind == connectors::ActionKind::kHide);
  CHECK(a.account_id == "acct-1");
  CHECK(a.platform == "replay");
  CHECK(a.comment_platform_id == "c1");
  CHECK(a.post_id == "post-1");
  CHECK(a.author_id == std::optional<std::string>("author-1"));
  CHECK(a.idempotency_key == "k1");
  CHECK(Must(db->ClaimDueActions(T(1), 10)).empty());  // in flight: nobody else gets it
  CHECK(Must(db->CountActions(ActionState::kInFlight)) == 1);

  Must(db->MarkActionRetry(a.id, "HTTP 503", T(3)));
  CHECK(Must(db->CountActions(ActionState::kPending)) == 1);
  CHECK(Must(db->ClaimDueActions(T(2), 10)).empty());  // backing off
  claimed = Must(db->ClaimDueActions(T(3), 10));
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].attempts == 2);
  CHECK(claimed[0].last_error == "HTTP 503");

  connectors::ActionOutcome outcome;
  outcome.platform_ref = "ref-9";
  Must(db->MarkActionDone(a.id, outcome, T(4)));
  CHECK(Must(db->CountActions(ActionState::kDone)) == 1);
  CHECK(Must(db->CountActions(ActionState::kPending)) == 0);

  auto item = Must(db->GetItem(comment));
  REQUIRE(item->actions.size() == 1);
  CHECK(item->actions[0].state == ActionState::kDone);
  CHECK(item->actions[0].done_at == T(4));
  REQUIRE(item->actions[0].outcome.has_value());
  CHECK(item->actions[0].outcome->platform_ref == "ref-9");
  CHECK(item->comment.comment.hidden);  // the hide is mirrored on the comment
  REQUIRE(item->audit.size() == 2);
  CHECK(item->audit[0].entry.action == "action.request");
  CHECK(item->audit[0].entry.actor == "s.travis");
  CHECK(item->audit[1].entry.action == "action.done");

  SECTION("finishing twice is refused") {
    auto again = db->MarkActionDone(a.id, outcome, T(5));
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == ErrorKind::kInvalidInput);
    CHECK(again.error().message.find("not in flight") != std::string::npos);
  }
  SECTION("an unknown action is refused") {
    auto missing = db->MarkActionRetry(999, "x", T(5));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == ErrorKind::kInvalidInput);
  }
}

TEST_CASE("an action that cannot succeed is marked failed and audited") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kBlock, "k1"), T(0)));
  auto claimed = Must(db->ClaimDueActions(T(0), 1));
  REQUIRE(claimed.size() == 1);
  Must(db->MarkActionFailed(claimed[0].id, "permission: pages_manage_engagement missing", T(1)));
  CHECK(Must(db->CountActions(ActionState::kFailed)) == 1);
  CHECK(Must(db->ClaimDueActions(T(10), 10)).empty());
  auto item = Must(db->GetItem(comment));
  CHECK(item->actions[0].last_error == "permission: pages_manage_engagement missing");
  CHECK(item->actions[0].done_at == T(1));
  CHECK(item->audit.back().entry.action == "action.failed");
  CHECK_FALSE(item->comment.comment.hidden);
}

TEST_CASE("a completed delete marks the comment gone and stops its clock") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto report = Must(db->IngestPoll(MakeBatch({MakeItem("c1", "spam spam", T(0))}, "cur", T(0))));
  const std::int64_t comment = report.comments[0].comment_id;
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kDelete, "del-1"), T(1)));
  auto claimed = Must(db->ClaimDueActions(T(1), 1));
  REQUIRE(claimed.size() == 1);
  Must(db->MarkActionDone(claimed[0].id, {}, T(2)));
  auto item = Must(db->GetItem(comment));
  CHECK(item->comment.deleted_at == T(2));
  REQUIRE(item->sla.has_value());
  CHECK(item->sla->state == SlaState::kStopped);
  CHECK(item->sla->stop_reason == "deleted by moderation action");
  CHECK(item->sla->stopped_by == "s.travis");
  CHECK(Must(db->CountNotifications(NotificationState::kCancelled)) == 1);  // its reminder
}

TEST_CASE("a manual outcome changes nothing on the comment") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "k"), T(0)));
  auto claimed = Must(db->ClaimDueActions(T(0), 1));
  connectors::ActionOutcome manual;
  manual.manual = true;
  manual.note = "hide it in the app";
  Must(db->MarkActionDone(claimed[0].id, manual, T(1)));
  auto item = Must(db->GetItem(comment));
  CHECK_FALSE(item->comment.comment.hidden);
  REQUIRE(item->actions[0].outcome.has_value());
  CHECK(item->actions[0].outcome->manual);
  CHECK(item->actions[0].outcome->note == "hide it in the app");
}

TEST_CASE("claims come earliest first and respect the limit") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "late"), T(3)));
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kReport, "early"), T(1)));
  Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kBlock, "middle"), T(2)));
  auto claimed = Must(db->ClaimDueActions(T(5), 2));
  REQUIRE(claimed.size() == 2);
  CHECK(claimed[0].idempotency_key == "early");
  CHECK(claimed[1].idempotency_key == "middle");
  CHECK(Must(db->ClaimDueActions(T(5), 0)).empty());

  Must(db->EnqueueNotification(Email("reminder", "a@example.org", T(6), "n-late"), comment, T(0)));
  Must(db->EnqueueNotification(Email("reminder", "a@example.org", T(4), "n-early"), comment, T(0)));
  Must(db->EnqueueNotification(Email("auth", "it@example.org", T(5), "n-mid"), std::nullopt, T(0)));
  CHECK(Must(db->ClaimDueNotifications(T(3), 10)).empty());  // none due yet
  auto emails = Must(db->ClaimDueNotifications(T(5), 10));
  REQUIRE(emails.size() == 2);
  CHECK(emails[0].dedupe_key == "n-early");
  CHECK(emails[0].item_id == std::optional<std::int64_t>(comment));
  CHECK(emails[1].dedupe_key == "n-mid");
  CHECK_FALSE(emails[1].item_id.has_value());
  CHECK(emails[0].state == NotificationState::kInFlight);
  CHECK(emails[0].attempts == 1);
}

TEST_CASE("dedupe and idempotency keys make a repeated enqueue a no-op") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  auto first = Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "k"), T(0)));
  auto second = Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "k"), T(1)));
  CHECK(first.created);
  CHECK_FALSE(second.created);
  CHECK(second.id == first.id);
  CHECK(RowCount(dir, "action_outbox") == 1);
  CHECK(RowCount(dir, "audit_log") == 1);  // only the created row is audited

  auto n1 = Must(db->EnqueueNotification(
      Email("safeguarding", "dsl@example.org", T(0), "sg:c1:dsl"), comment, T(0)));
  auto n2 = Must(db->EnqueueNotification(
      Email("safeguarding", "dsl@example.org", T(0), "sg:c1:dsl"), comment, T(1)));
  auto n3 = Must(db->EnqueueNotification(
      Email("safeguarding", "head@example.org", T(0), "sg:c1:head"), comment, T(1)));
  CHECK(n1.created);
  CHECK_FALSE(n2.created);
  CHECK(n2.id == n1.id);
  CHECK(n3.created);  // one row per recipient
  CHECK(Must(db->CountNotifications(NotificationState::kPending)) == 2);

  SECTION("bad keys and unknown items are refused") {
    auto no_key = db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, ""), T(0));
    REQUIRE_FALSE(no_key);
    CHECK(no_key.error().kind == ErrorKind::kInvalidInput);
    auto no_comment = db->EnqueueAction(4242, Action(connectors::ActionKind::kHide, "z"), T(0));
    REQUIRE_FALSE(no_comment);
    CHECK(no_comment.error().kind == ErrorKind::kInvalidInput);
    auto no_item =
        db->EnqueueNotification(Email("reminder", "a@example.org", T(0), "q"), 4242, T(0));
    REQUIRE_FALSE(no_item);
    CHECK(no_item.error().kind == ErrorKind::kInvalidInput);
    auto no_recipient = db->EnqueueNotification(Email("reminder", "", T(0), "r"), comment, T(0));
    REQUIRE_FALSE(no_recipient);
    CHECK(no_recipient.error().kind == ErrorKind::kInvalidInput);
  }
}

TEST_CASE("notifications keep their message id across retries and are marked sent") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  Must(db->EnqueueNotification(Email("auth", "it@example.org", T(0), "auth:acct-1"), std::nullopt,
                               T(0)));
  auto claimed = Must(db->ClaimDueNotifications(T(0), 5));
  REQUIRE(claimed.size() == 1);
  const std::int64_t id = claimed[0].id;
  CHECK(claimed[0].message_id.empty());
  CHECK(Must(db->SetNotificationMessageId(id, "<first@schoolmod>")) == "<first@schoolmod>");
  // A second id proposed later (a retry) yields the first one.
  CHECK(Must(db->SetNotificationMessageId(id, "<second@schoolmod>")) == "<first@schoolmod>");

  Must(db->MarkNotificationRetry(id, "421 try later", T(1)));
  CHECK(Must(db->ClaimDueNotifications(T(0), 5)).empty());
  claimed = Must(db->ClaimDueNotifications(T(1), 5));
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].message_id == "<first@schoolmod>");
  CHECK(claimed[0].attempts == 2);
  CHECK(claimed[0].last_error == "421 try later");

  Must(db->MarkNotificationSent(id, "", T(2)));
  CHECK(Must(db->CountNotifications(NotificationState::kSent)) == 1);
  CHECK_FALSE(db->MarkNotificationFailed(id, "late", T(3)));  // no longer in flight

  Must(db->EnqueueNotification(Email("auth", "bad@example.org", T(0), "auth:2"), std::nullopt,
                               T(0)));
  claimed = Must(db->ClaimDueNotifications(T(2), 5));
  REQUIRE(claimed.size() == 1);
  Must(db->MarkNotificationFailed(claimed[0].id, "550 no such user", T(3)));
  CHECK(Must(db->CountNotifications(NotificationState::kFailed)) == 1);
}

TEST_CASE("rows left in flight by a crash return to pending when the outbox owner reopens") {
  schoolmod::testing::TempDir dir;
  std::int64_t email_id = 0;
  {
    auto db = OpenDb(dir);
    const std::int64_t comment = StoreComment(*db, "c1", T(0));
    Must(db->EnqueueAction(comment, Action(connectors::ActionKind::kHide, "k"), T(0)));
    Must(db->EnqueueNotification(Email("reminder", "a@example.org", T(0), "n"), comment, T(0)));
    REQUIRE(Must(db->ClaimDueActions(T(0), 5)).size() == 1);
    auto emails = Must(db->ClaimDueNotifications(T(0), 5));
    REQUIRE(emails.size() == 1);
    email_id = emails[0].id;
    Must(db->SetNotificationMessageId(email_id, "<m1@schoolmod>"));
    // The process dies here: neither row is finished.
  }
  SECTION("schoolmodctl (not the owner) leaves them alone") {
    auto ctl = OpenDb(dir);
    CHECK(Must(ctl->CountActions(ActionState::kInFlight)) == 1);
    CHECK(Must(ctl->CountNotifications(NotificationState::kInFlight)) == 1);
  }
  SECTION("the daemon takes them back") {
    Options owner;
    owner.recover_in_flight = true;
    auto db = OpenDb(dir, owner);
    CHECK(Must(db->CountActions(ActionState::kInFlight)) == 0);
    CHECK(Must(db->CountNotifications(NotificationState::kInFlight)) == 0);
    auto actions = Must(db->ClaimDueActions(T(0), 5));
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].attempts == 2);
    auto emails = Must(db->ClaimDueNotifications(T(0), 5));
    REQUIRE(emails.size() == 1);
    CHECK(emails[0].id == email_id);
    CHECK(emails[0].message_id == "<m1@schoolmod>");  // the resend is the same message
  }
}

TEST_CASE("notifications of an item can be cancelled by kind") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::int64_t comment = StoreComment(*db, "c1", T(0));
  Must(db->EnqueueNotification(Email("reminder", "a@example.org", T(5), "r1"), comment, T(0)));
  Must(db->EnqueueNotification(Email("breach", "a@example.org", T(9), "b1"), comment, T(0)));
  Must(db->EnqueueNotification(Email("safeguarding", "d@example.org", T(0), "s1"), comment, T(0)));
  Must(db->EnqueueNotification(Email("reminder", "b@example.org", T(0), "r2"), comment, T(0)));
  auto in_flight = Must(db->ClaimDueNotifications(T(0), 1));
  REQUIRE(in_flight.size() == 1);
  CHECK(in_flight[0].dedupe_key == "s1");  // due first, lower id than r2

  CHECK(Must(db->CancelNotificationsForItem(comment, {"breach"})) == 1);
  CHECK(Must(db->CountNotifications(NotificationState::kCancelled)) == 1);
  // Every kind: the remaining pending rows go; the in-flight one is left to finish.
  CHECK(Must(db->CancelNotificationsForItem(comment, {})) == 2);
  CHECK(Must(db->CountNotifications(NotificationState::kInFlight)) == 1);
  CHECK(Must(db->CancelNotificationsForItem(comment, {})) == 0);
}

}  // namespace schoolmod::storage::testing
