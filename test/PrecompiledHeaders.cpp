// Builds the precompiled headers that the serial test executables reuse
// (see openPMD_test_pch in test/CMakeLists.txt); it has no code of its own.
