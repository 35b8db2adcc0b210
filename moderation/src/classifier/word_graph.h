#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/word_index.h"

// Phrases with many alternatives kept as a graph of their words rather than every combination.
// "(asking|asked|...) (the|some|) (kids|children|...) to (come|get|...) ..." has hundreds of
// thousands of combinations: expanded, it would cost seconds to build and megabytes of phrase
// trie. As a graph it is a few dozen nodes, matched by walking from each token whose word can
// start it. The graph finds exactly the phrases the expansion would; `ways` says how many
// combinations spell a match, and the lexicon counts a match once however many do.
namespace schoolmod::moderation::classifier {

// A phrase's words and alternatives, as parsed, in flat arrays that a caller reuses from phrase
// to phrase: sequence 0 is the whole phrase, a sequence's items are contiguous, and so are a
// group's alternatives.
struct WordTree {
  static constexpr std::uint32_t kGroup = 0xFFFFFFFF;
  struct Item {
    std::uint32_t word = kGroup;  // index into `words`, or kGroup
    std::uint32_t alternatives_begin = 0;  // a group's alternatives: sequences [begin, end)
    std::uint32_t alternatives_end = 0;
  };
  struct Sequence {
    std::uint32_t begin = 0;  // items [begin, end), possibly none
    std::uint32_t end = 0;
  };
  std::vector<std::string> words;  // distinct, in order of first appearance
  std::vector<Item> items;
  std::vector<Sequence> sequences;
};

// Parses `phrase` into `tree` when every group stands for whole words ("(a|b) c", or
// "what('s|s|)", a group inside one word, whose combinations are then single words) and every
// word is letters a-z, digits and apostrophes; otherwise false, and the caller expands the
// phrase instead.
bool ParseWordTree(std::string_view phrase, WordTree& tree);

// Calls visit(words) for each combination of the tree, in ExpandAlternatives' order: `words`
// (a buffer the caller passes) holds the combination's indexes into tree.words meanwhile.
template <typename Visit>
void ForEachCombination(const WordTree& tree, std::vector<std::uint32_t>& words, Visit&& visit);

// How many combinations ExpandAlternatives(phrase) has, without making them (saturating).
std::uint64_t CountAlternatives(std::string_view phrase);

// The tree as a graph over word ids (Glushkov's construction: one node per word of the
// pattern). `ways` count combinations of alternatives: a path's ways are the product of its
// start, edge and accept ways, and summed over the paths spelling some words they give how many
// combinations of the phrase spell them.
struct WordGraph {
  struct Edge {
    std::uint32_t node = 0;
    std::uint32_t ways = 0;
  };
  std::vector<std::uint32_t> word;          // by node: its word id
  std::vector<Edge> starts;                 // nodes a match can start at
  std::vector<std::uint32_t> accepts;       // by node: ways to end the phrase after it (0: none)
  std::vector<std::vector<Edge>> follows;   // by node: the nodes that can come next
};

// `ids` gives each of tree.words its id, in the same order; kNoWord for a word that
// normalises to nothing (it is left out, as in the expansion).
WordGraph BuildWordGraph(const WordTree& tree, std::span<const std::uint32_t> ids);

// Every graph, matched over a comment's word ids.
class GraphMatcher {
 public:
  // Returns the graph's index. Only before Build().
  std::uint32_t Add(const WordGraph& graph);
  void Build();

  bool empty() const { return graphs_ == 0; }

  // The built matcher's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.graphs_);
    a(self.nodes_);
    a(self.edges_);
    a(self.starts_word_);
    a(self.second_word_);
    a(self.pairs_);
    a(self.pair_mask_);
    a(self.seconds_);
  }
  // Whether some graph starts with the word. Valid after Build().
  bool Starts(std::uint32_t word) const {
    return word < starts_word_.size() && starts_word_[word] != 0;
  }

  // Calls on_match(graph, first, end, ways) for every occurrence of two or more words in
  // `words` (one id per token, kNoWord for none) starting at one of `firsts` (ascending; every
  // token whose word Starts() a graph, or more): tokens [first, end), spelt by `ways`
  // combinations of the graph's phrase. Single words are the caller's: the lexicon adds them as
  // words. Thread-safe after Build().
  template <typename OnMatch>
  void Scan(std::span<const std::uint32_t> words, std::span<const std::uint32_t> firsts,
            OnMatch&& on_match) const;

 private:
  struct Node {
    std::uint32_t word = 0;
    std::uint32_t accepts = 0;
    std::uint32_t follows_begin = 0;  // into edges_
    std::uint32_t follows_end = 0;
  };
  // Where a match stands after its first two words.
  struct Second {
    std::uint32_t graph = 0;
    std::uint32_t node = 0;  // into nodes_
    std::uint32_t ways = 0;
  };
  static std::uint64_t PairKey(std::uint32_t first, std::uint32_t second) {
    return (std::uint64_t{first} << 32) | second;
  }
  // The seconds_ a match starting with words (first, second) can be at, or an empty range.
  std::pair<std::uint32_t, std::uint32_t> SecondsOf(std::uint32_t first,
                                                    std::uint32_t second) const;

  std::uint32_t graphs_ = 0;
  std::vector<Node> nodes_;
  std::vector<WordGraph::Edge> edges_;  // node indexes into nodes_
  std::vector<WordGraph::Edge> pending_starts_;  // while building: node indexes into nodes_
  std::vector<std::uint32_t> pending_graphs_;    // while building: each start's graph
  std::vector<std::uint8_t> starts_word_;        // by word id: 1 if some graph starts with it
  // By word id: 1 if the word is second in some graph, so most start words need no pair probe.
  std::vector<std::uint8_t> second_word_;
  bool IsSecond(std::uint32_t word) const {
    return word < second_word_.size() && second_word_[word] != 0;
  }
  // Matches are found by their first two words, so a start word followed by anything else costs
  // one probe: open addressing from PairKey to seconds_[begin, end).
  struct Slot {
    std::uint64_t key = ~std::uint64_t{0};
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::vector<Slot> pairs_;
  std::uint64_t pair_mask_ = 0;
  std::vector<Second> seconds_;
};

template <typename OnMatch>
void GraphMatcher::Scan(std::span<const std::uint32_t> words,
                        std::span<const std::uint32_t> firsts, OnMatch&& on_match) const {
  // The walk from one second word keeps the live nodes with their ways; a phrase is short and
  // few nodes are live at once, so a small vector that is searched beats a map. Kept per thread
  // so that scanning allocates nothing.
  thread_local std::vector<WordGraph::Edge> live, next;
  for (const std::size_t first : firsts) {
    if (first + 1 >= words.size() || !Starts(words[first]) || !IsSecond(words[first + 1])) {
      continue;
    }
    const auto [begin, end_second] = SecondsOf(words[first], words[first + 1]);
    for (std::uint32_t s = begin; s < end_second; ++s) {
      const Second& second = seconds_[s];
      if (nodes_[second.node].accepts != 0) {
        on_match(second.graph, first, first + 2, second.ways * nodes_[second.node].accepts);
      }
      live.assign(1, {second.node, second.ways});
      for (std::size_t end = first + 3; end <= words.size() && !live.empty(); ++end) {
        const std::uint32_t word = words[end - 1];
        next.clear();
        if (word != kNoWord) {
          for (const WordGraph::Edge& at : live) {
            const Node& node = nodes_[at.node];
            for (std::uint32_t e = node.follows_begin; e < node.follows_end; ++e) {
              if (nodes_[edges_[e].node].word != word) continue;
              const std::uint32_t ways = at.ways * edges_[e].ways;
              bool merged = false;
              for (WordGraph::Edge& n : next) {
                if (n.node == edges_[e].node) {
                  n.ways += ways;
                  merged = true;
                }
              }
              if (!merged) next.push_back({edges_[e].node, ways});
            }
          }
        }
        std::uint32_t ways = 0;
        for (const WordGraph::Edge& at : next) ways += at.ways * nodes_[at.node].accepts;
        if (ways > 0) on_match(second.graph, first, end, ways);
        live.swap(next);
      }
    }
  }
}

namespace word_graph_detail {

// What follows a sequence being expanded: the rest of the sequence around it, and so on out.
struct Rest {
  std::uint32_t next;  // the item to go on from
  std::uint32_t end;   // the end of its sequence
  const Rest* rest;
};

template <typename Visit>
void ForEachCombination(const WordTree& tree, std::uint32_t i, std::uint32_t end,
                        const Rest* rest, std::vector<std::uint32_t>& words, Visit& visit) {
  if (i == end) {
    if (rest == nullptr) {
      visit(static_cast<const std::vector<std::uint32_t>&>(words));
    } else {
      ForEachCombination(tree, rest->next, rest->end, rest->rest, words, visit);
    }
    return;
  }
  const WordTree::Item& item = tree.items[i];
  if (item.word != WordTree::kGroup) {
    words.push_back(item.word);
    ForEachCombination(tree, i + 1, end, rest, words, visit);
    words.pop_back();
    return;
  }
  const Rest after{i + 1, end, rest};
  for (std::uint32_t a = item.alternatives_begin; a < item.alternatives_end; ++a) {
    const WordTree::Sequence& alternative = tree.sequences[a];
    ForEachCombination(tree, alternative.begin, alternative.end, &after, words, visit);
  }
}

}  // namespace word_graph_detail

template <typename Visit>
void ForEachCombination(const WordTree& tree, std::vector<std::uint32_t>& words, Visit&& visit) {
  words.clear();
  const WordTree::Sequence root = tree.sequences[0];
  word_graph_detail::ForEachCombination(tree, root.begin, root.end, nullptr, words, visit);
}

}  // namespace schoolmod::moderation::classifier
