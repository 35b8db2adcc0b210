#include "classifier/word_graph.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "classifier/lexicon.h"

namespace schoolmod::moderation::classifier {
namespace {

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\''; }

bool IsPlainWord(std::string_view w) { return std::all_of(w.begin(), w.end(), IsWordChar); }

// The index of the ')' closing the '(' at `open`, or npos.
std::size_t Closing(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

bool ParseSequence(std::string_view s, WordTree::Sequence& out);

// "(a|b c|)": each alternative a sequence.
bool ParseGroup(std::string_view group, WordTree::Item& item) {
  const std::string_view inside = group.substr(1, group.size() - 2);
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= inside.size(); ++i) {
    if (i < inside.size() && inside[i] == '(') ++depth;
    if (i < inside.size() && inside[i] == ')') --depth;
    if (i == inside.size() || (inside[i] == '|' && depth == 0)) {
      WordTree::Sequence& alternative = item.alternatives.emplace_back();
      if (!ParseSequence(inside.substr(start, i - start), alternative)) return false;
      start = i + 1;
    }
  }
  return true;
}

// A chunk between spaces: a word, a group of whole words, or a word with groups inside
// ("what('s|s|)"), whose combinations must then each be one word.
bool ParseChunk(std::string_view chunk, WordTree::Sequence& out) {
  WordTree::Item item;
  if (chunk.front() == '(' && Closing(chunk, 0) == chunk.size() - 1) {
    if (!ParseGroup(chunk, item)) return false;
  } else if (chunk.find_first_of("()|") == std::string_view::npos) {
    if (!IsPlainWord(chunk)) return false;
    item.word = std::string(chunk);
  } else {
    for (std::string& word : ExpandAlternatives(chunk)) {
      if (!IsPlainWord(word)) return false;
      WordTree::Sequence& alternative = item.alternatives.emplace_back();
      if (!word.empty()) alternative.push_back({std::move(word), {}});
    }
  }
  out.push_back(std::move(item));
  return true;
}

bool ParseSequence(std::string_view s, WordTree::Sequence& out) {
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '(') ++depth;
    if (i < s.size() && s[i] == ')' && --depth < 0) return false;
    if (i == s.size() || (s[i] == ' ' && depth == 0)) {
      if (i > start && !ParseChunk(s.substr(start, i - start), out)) return false;
      start = i + 1;
    }
  }
  return depth == 0;
}

void CollectWords(const WordTree::Sequence& sequence, std::vector<std::string>& words) {
  for (const WordTree::Item& item : sequence) {
    if (item.alternatives.empty()) {
      if (std::find(words.begin(), words.end(), item.word) == words.end()) {
        words.push_back(item.word);
      }
    }
    for (const WordTree::Sequence& alternative : item.alternatives) {
      CollectWords(alternative, words);
    }
  }
}

std::uint64_t SaturatingMultiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}

// Glushkov's construction with counts. For a part of the tree: the nodes a match of it can
// start and end at, and the number of ways it can match nothing at all.
struct Part {
  std::vector<WordGraph::Edge> first;
  std::vector<WordGraph::Edge> last;  // ways: from after the node to the part's end
  std::uint32_t empty_ways = 0;
};

void AddWays(std::vector<WordGraph::Edge>& edges, std::uint32_t node, std::uint32_t ways) {
  if (ways == 0) return;
  for (WordGraph::Edge& e : edges) {
    if (e.node == node) {
      e.ways += ways;
      return;
    }
  }
  edges.push_back({node, ways});
}

class GraphBuilder {
 public:
  GraphBuilder(const std::unordered_map<std::string, std::uint32_t>& ids, WordGraph& graph)
      : ids_(ids), graph_(graph) {}

  Part Sequence(const WordTree::Sequence& sequence) {
    Part result;
    result.empty_ways = 1;
    for (const WordTree::Item& item : sequence) {
      Part part = Item(item);
      // Every node that may end what came before leads to every node that may start this item.
      for (const WordGraph::Edge& x : result.last) {
        for (const WordGraph::Edge& y : part.first) {
          AddWays(graph_.follows[x.node], y.node, x.ways * y.ways);
        }
      }
      for (const WordGraph::Edge& y : part.first) {
        AddWays(result.first, y.node, result.empty_ways * y.ways);
      }
      // What came before may still end the sequence so far if this item can match nothing.
      std::vector<WordGraph::Edge> last = std::move(part.last);
      for (const WordGraph::Edge& x : result.last) AddWays(last, x.node, x.ways * part.empty_ways);
      result.last = std::move(last);
      result.empty_ways *= part.empty_ways;
    }
    return result;
  }

 private:
  Part Item(const WordTree::Item& item) {
    Part result;
    if (item.alternatives.empty()) {
      const std::uint32_t id = ids_.at(item.word);
      if (id == kNoWord) {
        result.empty_ways = 1;  // a word that normalises to nothing
        return result;
      }
      const auto node = static_cast<std::uint32_t>(graph_.word.size());
      graph_.word.push_back(id);
      graph_.accepts.push_back(0);
      graph_.follows.emplace_back();
      result.first.push_back({node, 1});
      result.last.push_back({node, 1});
      return result;
    }
    for (const WordTree::Sequence& alternative : item.alternatives) {
      Part part = Sequence(alternative);
      for (const WordGraph::Edge& e : part.first) AddWays(result.first, e.node, e.ways);
      for (const WordGraph::Edge& e : part.last) AddWays(result.last, e.node, e.ways);
      result.empty_ways += part.empty_ways;
    }
    return result;
  }

  const std::unordered_map<std::string, std::uint32_t>& ids_;
  WordGraph& graph_;
};

}  // namespace

std::optional<WordTree> ParseWordTree(std::string_view phrase) {
  WordTree tree;
  if (!ParseSequence(phrase, tree.root)) return std::nullopt;
  return tree;
}

std::vector<std::string> TreeWords(const WordTree& tree) {
  std::vector<std::string> words;
  CollectWords(tree.root, words);
  return words;
}

std::uint64_t CountAlternatives(std::string_view phrase) {
  // Mirrors ExpandAlternatives: the first group's options, each with every tail.
  const std::size_t open = phrase.find('(');
  if (open == std::string_view::npos) return 1;
  const std::size_t close = Closing(phrase, open);
  if (close == std::string_view::npos) return 1;  // unbalanced: taken literally
  std::uint64_t options = 0;
  int depth = 0;
  std::size_t start = open + 1;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (phrase[i] == '(') ++depth;
    if (phrase[i] == ')') --depth;
    if (i == close || (phrase[i] == '|' && depth == 0)) {
      options += CountAlternatives(phrase.substr(start, i - start));
      start = i + 1;
    }
  }
  return SaturatingMultiply(options, CountAlternatives(phrase.substr(close + 1)));
}

WordGraph BuildWordGraph(const WordTree& tree, std::span<const std::uint32_t> ids) {
  const std::vector<std::string> words = TreeWords(tree);
  std::unordered_map<std::string, std::uint32_t> by_word;
  for (std::size_t k = 0; k < words.size(); ++k) by_word.emplace(words[k], ids[k]);
  WordGraph graph;
  Part root = GraphBuilder(by_word, graph).Sequence(tree.root);
  graph.starts = std::move(root.first);
  for (const WordGraph::Edge& e : root.last) graph.accepts[e.node] += e.ways;
  return graph;
}

std::uint32_t GraphMatcher::Add(const WordGraph& graph) {
  const auto offset = static_cast<std::uint32_t>(nodes_.size());
  for (std::size_t n = 0; n < graph.word.size(); ++n) {
    Node node;
    node.word = graph.word[n];
    node.accepts = graph.accepts[n];
    node.follows_begin = static_cast<std::uint32_t>(edges_.size());
    for (const WordGraph::Edge& e : graph.follows[n]) edges_.push_back({offset + e.node, e.ways});
    node.follows_end = static_cast<std::uint32_t>(edges_.size());
    nodes_.push_back(node);
  }
  for (const WordGraph::Edge& e : graph.starts) {
    pending_starts_.push_back({offset + e.node, e.ways});
    pending_graphs_.push_back(graphs_);
  }
  return graphs_++;
}

std::pair<std::uint32_t, std::uint32_t> GraphMatcher::SecondsOf(std::uint32_t first,
                                                                std::uint32_t second) const {
  const std::uint64_t key = PairKey(first, second);
  std::uint64_t slot = HashKey(key) & pair_mask_;
  while (true) {
    const Slot& s = pairs_[slot];
    if (s.key == key) return {s.begin, s.end};
    if (s.key == ~std::uint64_t{0}) return {0, 0};
    slot = (slot + 1) & pair_mask_;
  }
}

void GraphMatcher::Build() {
  // Every (first word, second word) a match can begin with, and where it then stands.
  std::vector<std::pair<std::uint64_t, Second>> seconds;
  for (std::size_t k = 0; k < pending_starts_.size(); ++k) {
    const WordGraph::Edge& start = pending_starts_[k];
    const Node& node = nodes_[start.node];
    if (node.word >= starts_word_.size()) starts_word_.resize(node.word + 1, 0);
    starts_word_[node.word] = 1;
    for (std::uint32_t e = node.follows_begin; e < node.follows_end; ++e) {
      const WordGraph::Edge& edge = edges_[e];
      const std::uint32_t second = nodes_[edge.node].word;
      if (second >= second_word_.size()) second_word_.resize(second + 1, 0);
      second_word_[second] = 1;
      seconds.push_back({PairKey(node.word, second),
                         {pending_graphs_[k], edge.node, start.ways * edge.ways}});
    }
  }
  std::stable_sort(seconds.begin(), seconds.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::size_t pairs = 0;
  for (std::size_t k = 0; k < seconds.size(); ++k) {
    pairs += k == 0 || seconds[k].first != seconds[k - 1].first;
  }
  std::uint64_t size = 16;
  while (size < 2 * pairs) size <<= 1;  // at most half full: short probe sequences
  pair_mask_ = size - 1;
  pairs_.assign(size, Slot{});
  seconds_.clear();
  for (std::size_t k = 0; k < seconds.size(); ++k) {
    if (k == 0 || seconds[k].first != seconds[k - 1].first) {
      std::uint64_t slot = HashKey(seconds[k].first) & pair_mask_;
      while (pairs_[slot].key != ~std::uint64_t{0}) slot = (slot + 1) & pair_mask_;
      pairs_[slot].key = seconds[k].first;
      pairs_[slot].begin = static_cast<std::uint32_t>(seconds_.size());
    }
    seconds_.push_back(seconds[k].second);
    std::uint64_t slot = HashKey(seconds[k].first) & pair_mask_;
    while (pairs_[slot].key != seconds[k].first) slot = (slot + 1) & pair_mask_;
    pairs_[slot].end = static_cast<std::uint32_t>(seconds_.size());
  }
  pending_starts_ = {};
  pending_graphs_ = {};
}

}  // namespace schoolmod::moderation::classifier
