#pragma once

#include <iosfwd>
#include <string>

#include "schoolmod/moderation/verdict.h"

namespace schoolmod::config {
struct ModerationSettings;
}

// The two schoolmodctl subcommands that run the classifier offline: `classify` (JSON Lines in,
// JSON Lines out; the contract in DESIGN.md) and `eval` (scores the classifier on a labelled
// file such as shared/eval/dev.jsonl). Library code so tests drive them with string streams.
namespace schoolmod::daemon {

struct CtlContext;

// The schoolmodctl table's entries (schoolmodctl_main.cc). Both use the school's word lists when
// a config file is given with --config, or when the default /etc/schoolmod/schoolmod.toml exists;
// without one, the built-in lists. An unreadable or invalid config exits 2.
//   classify                         JSON Lines on stdin, verdicts on stdout
//   eval FILE [--misses]             scores a labelled file
int RunClassifyCommand(const CtlContext& ctx);
int RunEvalCommand(const CtlContext& ctx);

// `schoolmodctl classify [--config PATH]`: reads {"id":..., "text":...} per line (optionally
// "prior_removals": N, the author's earlier removals) and writes one verdict object per line, in
// the same order:
//   {"id","verdict","categories","severity","needs_response","safeguarding","personal_data",
//    "actions","reasons":[{"category","rule","span":[b,e],"explanation"}]}
// A line that is not such an object gives {"line":N,"error":"..."} and the run continues; blank
// lines are skipped. `settings` (may be null: built-in lists only) adds the school's word lists.
// Comments are classified 256 at a time (Classifier::ClassifyBatch), so output comes in bursts.
// Returns 0, or 2 when the settings hold an invalid term (reported on `err`).
int RunClassify(std::istream& in, std::ostream& out, std::ostream& err,
                const config::ModerationSettings* settings);

struct EvalOptions {
  bool list_misses = false;  // also print every item whose verdict or flags differ
};

// `schoolmodctl eval FILE [--misses] [--config PATH]`: classifies every labelled line of FILE
// (format of shared/eval/dev.jsonl) and prints precision, recall and F1 of verdict=remove, false
// positives among expected-ok and trap items, recall per category, needs_response precision,
// recall and F1, and safeguarding and personal_data recall. Returns 0; 1 if some lines were
// malformed (named on `err`, the rest still scored); 2 if the file cannot be read or the settings
// are invalid.
int RunEval(const std::string& path, std::ostream& out, std::ostream& err,
            const config::ModerationSettings* settings, const EvalOptions& options = {});
// The same over a stream; `name` stands for the file in messages.
int RunEvalStream(std::istream& in, const std::string& name, std::ostream& out,
                  std::ostream& err, const config::ModerationSettings* settings,
                  const EvalOptions& options = {});

// One verdict as the JSON object `classify` prints (without a trailing newline). `id_json` is the
// input's id, already serialised ("\"c1\"", "42", "null").
std::string VerdictToJson(const std::string& id_json, const moderation::Verdict& verdict);

}  // namespace schoolmod::daemon
