#pragma once

// The two programs' entry points. schoolmodd/main.cc and schoolmodctl/main.cc only call these,
// so everything they do is in the schoolmod_app library and can be tested.
namespace schoolmod::daemon {

// schoolmodd [--config PATH] [--check-config] [--log-level LEVEL]
int SchoolmoddMain(int argc, char** argv);

// schoolmodctl COMMAND [ARGS]; `schoolmodctl help` lists the commands.
int SchoolmodctlMain(int argc, char** argv);

}  // namespace schoolmod::daemon
