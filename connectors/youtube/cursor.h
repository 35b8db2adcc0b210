#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

// The YouTube connector's Cursor::value, which storage persists with the comments it came with.
//
// The Data API has no "since" parameter. The poll reads commentThreads for the whole channel
// (allThreadsRelatedToChannelId: every video, old ones included, in one listing) newest first,
// and stops paging once it reaches a thread older than what it has already seen. To do that, and
// to notice new replies, edits and deletions without re-sending everything, the cursor keeps:
//
//   {"v":1, "mark":S, "scan":S, "held":S, "t":{"<thread id>":[published, activity, replies, held]}}
//
//   mark     newest publishedAt/updatedAt seen in the public listing (YouTube's clock, unix s)
//   scan     when the last full scan of the look-back window ran (our clock, unix s; 0: never)
//   held     when the heldForReview listing was last read (our clock, unix s; 0: never)
//   t        every thread with activity inside the look-back window: its top-level comment's
//            publishedAt, the newest activity seen in it, totalReplyCount, and 1 if it was last
//            seen held for review
//
// A thread is new or changed when it is missing from `t`, its activity is newer, its reply
// count differs or its held state flipped; only then are its comments sent again (storage
// dedupes by id, so a repeat is harmless, but it costs a classification). Threads whose activity
// leaves the look-back window are dropped, so the cursor stays bounded by the channel's traffic
// over that window (about 50 bytes a thread), and hard-capped at kMaxTrackedThreads.
namespace schoolmod::connectors::youtube {

inline constexpr std::size_t kMaxTrackedThreads = 20'000;

struct ThreadState {
  std::int64_t published = 0;  // top-level comment's publishedAt, unix s
  std::int64_t activity = 0;   // newest publishedAt/updatedAt seen in the thread, unix s
  int replies = 0;             // totalReplyCount when last seen
  bool held = false;           // last seen in the heldForReview listing
};

struct CursorState {
  std::int64_t mark = 0;
  std::int64_t scanned_at = 0;
  std::int64_t held_at = 0;
  std::map<std::string, ThreadState> threads;
};

// nullopt when the value is not a cursor this version wrote; "" is a fresh state.
std::optional<CursorState> DecodeCursor(const std::string& value);
std::string EncodeCursor(const CursorState& state);

}  // namespace schoolmod::connectors::youtube
