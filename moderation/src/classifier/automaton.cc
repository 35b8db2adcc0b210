#include "classifier/automaton.h"

#include <cassert>

namespace schoolmod::moderation::classifier {

std::uint32_t Automaton::Add(std::string_view pattern) {
  assert(!built_ && "Add() after Build()");
  auto [it, inserted] = ids_.try_emplace(std::string(pattern), 0);
  if (!inserted) return it->second;
  std::uint32_t state = 0;
  std::size_t slot = 0;
  for (char c : pattern) {
    slot = state * kAlphabet + static_cast<std::size_t>(Symbol(c));
    if (children_[slot] == 0) {
      const auto child = static_cast<std::uint32_t>(terminal_.size());
      assert(child < kEndsPattern);
      children_[slot] = child;
      children_.resize(children_.size() + kAlphabet, 0);
      terminal_.push_back(-1);
    }
    state = children_[slot] & ~kEndsPattern;
  }
  if (!pattern.empty()) children_[slot] |= kEndsPattern;
  if (!pattern.empty()) {
    const int a = Symbol(pattern[0]);
    if (pattern.size() == 1) {
      short_[a] = ~0u;  // a one-character pattern: any next character
    } else if (pattern.size() == 2) {
      short_[a] |= 1u << Symbol(pattern[1]);
    } else {
      const auto index = static_cast<unsigned>(
          (a * kAlphabet + Symbol(pattern[1])) * kAlphabet + Symbol(pattern[2]));
      starts_[index / 64] |= std::uint64_t{1} << (index % 64);
    }
  }
  const auto id = static_cast<std::uint32_t>(lengths_.size());
  lengths_.push_back(static_cast<std::uint32_t>(pattern.size()));
  terminal_[state] = static_cast<std::int32_t>(id);
  it->second = id;
  return id;
}

void Automaton::Build() {
  built_ = true;
  ids_.clear();
  children_.shrink_to_fit();
  terminal_.shrink_to_fit();
}

}  // namespace schoolmod::moderation::classifier
