#include "schoolmod/daemon/programs.h"

int main(int argc, char** argv) { return schoolmod::daemon::SchoolmoddMain(argc, argv); }
