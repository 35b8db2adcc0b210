#include "classifier/word_graph.h"

#include <algorithm>
#include <limits>

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

// Recursive descent over the phrase, in one pass. A sequence's items, and a group's
// alternatives, are gathered on a stack and laid out together once complete: whatever they
// contain was complete, and laid out, before them.
class TreeParser {
 public:
  TreeParser(std::string_view phrase, WordTree& tree) : s_(phrase), tree_(tree) {}

  bool Parse() {
    tree_.words.clear();
    tree_.items.clear();
    tree_.sequences.assign(1, {});  // the whole phrase, laid out last but first in the list
    WordTree::Sequence root;
    if (!Sequence(root) || pos_ != s_.size()) return false;  // a stray '|' or ')'
    tree_.sequences[0] = root;
    return true;
  }

 private:
  // Items up to an unmatched '|' or ')', or the end, which is left for the caller.
  bool Sequence(WordTree::Sequence& out) {
    const std::size_t mark = items_.size();
    while (true) {
      while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
      if (pos_ == s_.size() || s_[pos_] == '|' || s_[pos_] == ')') break;
      WordTree::Item item;
      if (!Chunk(item)) return false;
      items_.push_back(item);
    }
    out.begin = static_cast<std::uint32_t>(tree_.items.size());
    tree_.items.insert(tree_.items.end(), items_.begin() + mark, items_.end());
    out.end = static_cast<std::uint32_t>(tree_.items.size());
    items_.resize(mark);
    return true;
  }

  // A chunk between spaces: a word, a group of whole words, or a word with groups inside
  // ("what('s|s|)"), whose combinations must then each be one word.
  bool Chunk(WordTree::Item& item) {
    const std::size_t start = pos_;
    if (s_[pos_] == '(') {
      const std::size_t items = tree_.items.size(), sequences = tree_.sequences.size();
      const std::size_t words = tree_.words.size();
      if (!Group(item)) return false;
      if (AtBoundary()) return true;
      // "(a|b)c": the group was part of a word after all.
      tree_.items.resize(items);
      tree_.sequences.resize(sequences);
      tree_.words.resize(words);
      pos_ = start;
      return WordWithGroups(item);
    }
    while (pos_ < s_.size() && IsWordChar(s_[pos_])) ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '(') {
      pos_ = start;
      return WordWithGroups(item);
    }
    if (pos_ == start || !AtBoundary()) return false;  // a character no word has
    item.word = WordIndex(s_.substr(start, pos_ - start));
    return true;
  }

  // "(a|b c|)" at pos_: each alternative a sequence.
  bool Group(WordTree::Item& item) {
    ++pos_;
    const std::size_t mark = alternatives_.size();
    while (true) {
      WordTree::Sequence alternative;
      if (!Sequence(alternative)) return false;
      alternatives_.push_back(alternative);
      if (pos_ == s_.size()) return false;  // unbalanced
      if (s_[pos_++] == ')') break;
    }
    item.word = WordTree::kGroup;
    item.alternatives_begin = static_cast<std::uint32_t>(tree_.sequences.size());
    tree_.sequences.insert(tree_.sequences.end(), alternatives_.begin() + mark,
                           alternatives_.end());
    item.alternatives_end = static_cast<std::uint32_t>(tree_.sequences.size());
    alternatives_.resize(mark);
    return true;
  }

  // A word with groups inside, at pos_: each of its combinations one word, or none.
  bool WordWithGroups(WordTree::Item& item) {
    const std::size_t start = pos_;
    int depth = 0;
    for (; pos_ < s_.size(); ++pos_) {
      const char c = s_[pos_];
      if (c == '(') ++depth;
      if (c == ')' && depth-- == 0) break;
      if ((c == ' ' || c == '|') && depth == 0) break;
    }
    if (depth > 0) return false;  // unbalanced
    const std::vector<std::string> words = ExpandAlternatives(s_.substr(start, pos_ - start));
    item.word = WordTree::kGroup;
    item.alternatives_begin = static_cast<std::uint32_t>(tree_.sequences.size());
    for (const std::string& word : words) {
      if (!IsPlainWord(word)) return false;
      const auto at = static_cast<std::uint32_t>(tree_.items.size());
      if (!word.empty()) tree_.items.push_back({WordIndex(word), 0, 0});
      tree_.sequences.push_back({at, static_cast<std::uint32_t>(tree_.items.size())});
    }
    item.alternatives_end = static_cast<std::uint32_t>(tree_.sequences.size());
    return true;
  }

  bool AtBoundary() const {
    return pos_ == s_.size() || s_[pos_] == ' ' || s_[pos_] == '|' || s_[pos_] == ')';
  }

  std::uint32_t WordIndex(std::string_view word) {
    for (std::uint32_t k = 0; k < tree_.words.size(); ++k) {
      if (tree_.words[k] == word) return k;
    }
    tree_.words.emplace_back(word);
    return static_cast<std::uint32_t>(tree_.words.size() - 1);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  WordTree& tree_;
  std::vector<WordTree::Item> items_;             // the open sequences' items
  std::vector<WordTree::Sequence> alternatives_;  // the open groups' alternatives
};

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
  GraphBuilder(const WordTree& tree, std::span<const std::uint32_t> ids, WordGraph& graph)
      : tree_(tree), ids_(ids), graph_(graph) {}

  Part Sequence(std::uint32_t index) {
    Part result;
    result.empty_ways = 1;
    const WordTree::Sequence sequence = tree_.sequences[index];
    for (std::uint32_t i = sequence.begin; i < sequence.end; ++i) {
      const WordTree::Item& item = tree_.items[i];
      if (item.word != WordTree::kGroup) {
        Word(item.word, result);
        continue;
      }
      Part part = Group(item);
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
  // Appends one word to the sequence so far: the same as a part that starts and ends at the
  // word's node, without making one, as most items are words.
  void Word(std::uint32_t word, Part& result) {
    const std::uint32_t id = ids_[word];
    if (id == kNoWord) return;  // a word that normalises to nothing
    const auto node = static_cast<std::uint32_t>(graph_.word.size());
    graph_.word.push_back(id);
    graph_.accepts.push_back(0);
    graph_.follows.emplace_back();
    for (const WordGraph::Edge& x : result.last) AddWays(graph_.follows[x.node], node, x.ways);
    AddWays(result.first, node, result.empty_ways);
    result.last.assign(1, {node, 1});
    result.empty_ways = 0;
  }

  Part Group(const WordTree::Item& item) {
    Part result;
    for (std::uint32_t a = item.alternatives_begin; a < item.alternatives_end; ++a) {
      Part part = Sequence(a);
      for (const WordGraph::Edge& e : part.first) AddWays(result.first, e.node, e.ways);
      for (const WordGraph::Edge& e : part.last) AddWays(result.last, e.node, e.ways);
      result.empty_ways += part.empty_ways;
    }
    return result;
  }

  const WordTree& tree_;
  std::span<const std::uint32_t> ids_;
  WordGraph& graph_;
};

}  // namespace

bool ParseWordTree(std::string_view phrase, WordTree& tree) {
  return TreeParser(phrase, tree).Parse();
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
  WordGraph graph;
  Part root = GraphBuilder(tree, ids, graph).Sequence(0);
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
