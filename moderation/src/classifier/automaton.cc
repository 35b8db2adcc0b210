#include "classifier/automaton.h"

#include <cassert>

namespace schoolmod::moderation::classifier {

std::uint32_t Automaton::Add(std::string_view pattern) {
  assert(out_begin_.empty() && "Add() after Build()");
  auto [it, inserted] = ids_.try_emplace(std::string(pattern), 0);
  if (!inserted) return it->second;
  std::uint32_t state = 0;
  for (char c : pattern) {
    const int symbol = Symbol(c);
    if (next_[state][symbol] == 0) {
      next_[state][symbol] = static_cast<std::uint32_t>(next_.size());
      next_.emplace_back();
      terminal_.push_back(-1);
      depth_.push_back(depth_[state] + 1);
    }
    state = next_[state][symbol];
  }
  if (!pattern.empty()) {
    const int a = Symbol(pattern[0]);
    if (pattern.size() > 1) {
      starts_[a] |= 1u << Symbol(pattern[1]);
    } else {
      starts_[a] = ~0u;  // a one-character pattern: any next character
    }
  }
  const auto id = static_cast<std::uint32_t>(lengths_.size());
  lengths_.push_back(static_cast<std::uint32_t>(pattern.size()));
  terminal_[state] = static_cast<std::int32_t>(id);
  it->second = id;
  return id;
}

void Automaton::Build() {
  const std::size_t n = next_.size();
  std::vector<std::uint32_t> fail(n, 0);
  std::vector<std::uint32_t> order;  // breadth-first, so a state's failure target comes first
  order.reserve(n);
  for (int s = 0; s < kAlphabet; ++s) {
    if (next_[0][s] != 0) order.push_back(next_[0][s]);
  }
  for (std::size_t head = 0; head < order.size(); ++head) {
    const std::uint32_t state = order[head];
    for (int s = 0; s < kAlphabet; ++s) {
      const std::uint32_t child = next_[state][s];
      if (child != 0) {
        fail[child] = next_[fail[state]][s];
        order.push_back(child);
      } else {
        next_[state][s] = next_[fail[state]][s];
      }
    }
  }
  // Flatten each state's outputs: its own pattern, then its failure target's outputs.
  std::vector<std::vector<std::uint32_t>> outputs(n);
  auto collect = [&](std::uint32_t state) {
    if (terminal_[state] >= 0) outputs[state].push_back(static_cast<std::uint32_t>(terminal_[state]));
    if (state != 0) {
      const auto& inherited = outputs[fail[state]];
      outputs[state].insert(outputs[state].end(), inherited.begin(), inherited.end());
    }
  };
  collect(0);
  for (std::uint32_t state : order) collect(state);
  out_begin_.assign(n + 1, 0);
  for (std::size_t s = 0; s < n; ++s) {
    out_begin_[s + 1] = out_begin_[s] + static_cast<std::uint32_t>(outputs[s].size());
  }
  out_.reserve(out_begin_[n]);
  for (const auto& list : outputs) out_.insert(out_.end(), list.begin(), list.end());
  ids_.clear();
  terminal_.clear();
  terminal_.shrink_to_fit();
}

}  // namespace schoolmod::moderation::classifier
