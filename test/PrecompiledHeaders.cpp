// Builds the precompiled headers that the serial test executables reuse
// (see openPMD_test_pch in test/CMakeLists.txt); the program does nothing.
int main() { return 0; }
