// libFuzzer target: the input is "<pattern>\n<file name>\n<8 bytes>". The
// pattern is parsed, the file name matched against it, and a name made from
// the pattern for the iteration in the last bytes must match back to that
// iteration. Only openPMD::Error may come out.

#include "FuzzSupport.hpp"

#include <openPMD/IO/FilenamePattern.hpp>

#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace openPMD;
    std::string const input(reinterpret_cast<char const*>(data), size);
    auto const firstBreak = input.find('\n');
    std::string const pattern = input.substr(0, firstBreak);
    std::string name;
    std::uint64_t iteration = 0;
    if (firstBreak != std::string::npos)
    {
        auto const secondBreak = input.find('\n', firstBreak + 1);
        name = input.substr(firstBreak + 1, secondBreak - firstBreak - 1);
        if (secondBreak != std::string::npos)
        {
            std::string const tail = input.substr(secondBreak + 1);
            std::memcpy(&iteration, tail.data(), std::min(tail.size(), sizeof iteration));
        }
    }
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            auto const parsed = FilenamePattern::parse(pattern);
            if (!parsed)
            {
                return;
            }
            if (auto const match = parsed->match(name))
            {
                fuzz::require(match->digits > 0, "a match has digits");
            }
            std::string const ext = parsed->extension ? *parsed->extension : ".json";
            std::string const made = parsed->filename(iteration, ext);
            // A postfix that starts with a digit makes names ambiguous
            // ("a%T1" renders 5 as "a51"): only then may the round trip fail.
            bool const ambiguous = !parsed->postfix.empty() &&
                                   parsed->postfix.front() >= '0' &&
                                   parsed->postfix.front() <= '9';
            auto const back = parsed->match(made);
            if (!ambiguous)
            {
                fuzz::require(back.has_value(), "a made name matches its pattern");
                fuzz::require(back->iteration == iteration,
                              "a made name matches its own iteration");
            }
        });
    return 0;
}
