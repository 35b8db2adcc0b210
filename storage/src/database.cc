// Placeholder until the storage layer lands; kept compilable so the tree builds.
namespace schoolmod::storage {}
