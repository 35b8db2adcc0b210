// Placeholder until the daemon lands; kept compilable so the tree builds.
namespace schoolmod::daemon {}
