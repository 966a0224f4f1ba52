// Reference comparator for the apk ordering table: reads lines `A B` on stdin and prints `<`, `=` or `>`
// per line as knqyf263/go-apk-version orders them (the comparator Trivy uses for Alpine and Wolfi), or `!`
// when that library rejects either version. build-go-apk-version.sh builds it from Debian's golang-go and
// golang-github-knqyf263-go-apk-version-dev (GOPATH mode, no network).
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	version "github.com/knqyf263/go-apk-version"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) != 2 {
			fmt.Fprintf(os.Stderr, "not `A B`: %q\n", in.Text())
			os.Exit(2)
		}
		a, errA := version.NewVersion(fields[0])
		b, errB := version.NewVersion(fields[1])
		switch {
		case errA != nil || errB != nil:
			fmt.Fprintln(out, "!")
		case a.LessThan(b):
			fmt.Fprintln(out, "<")
		case a.Equal(b):
			fmt.Fprintln(out, "=")
		default:
			fmt.Fprintln(out, ">")
		}
	}
}
