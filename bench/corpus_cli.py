"""The command line both corpus generators share: --count, --out (a folder that is replaced),
--seed and --stats, then the statistics as JSON on stdout."""

import argparse
import json
import os
import shutil


def run(doc, generate, noun, count, folder, seed, argv=None):
    """Parses the options, refuses to replace a dangerous folder, runs generate(out, count, seed)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--count", type=int, default=count, help="number of %s (default %d)" % (noun, count))
    parser.add_argument("--out", default=os.path.join(here, ".work", folder), help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=seed, help="random seed (default %d)" % seed)
    parser.add_argument("--stats", help="also write the corpus statistics as JSON to this file")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    out = os.path.abspath(args.out)
    if out in ("/", os.path.expanduser("~")) or out == os.path.abspath(os.path.join(here, "..")):
        parser.error("refusing to replace %s" % out)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    stats = generate(out, args.count, args.seed)
    stats["out"] = out
    text = json.dumps(stats, indent=2, sort_keys=True)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    print(text)
    return 0
