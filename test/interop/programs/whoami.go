// Prints the caller's ARN as the Go SDK v2 default configuration resolves credentials.
// The STS endpoint comes from ARS_INTEROP_ENDPOINT (this SDK version predates endpoint_url).
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fail(err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		if ep := os.Getenv("ARS_INTEROP_ENDPOINT"); ep != "" {
			o.EndpointResolver = sts.EndpointResolverFromURL(ep)
		}
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fail(err)
	}
	fmt.Println(*out.Arn)
}

func fail(err error) {
	fmt.Println("ERROR: " + strings.ReplaceAll(err.Error(), "\n", " "))
	os.Exit(1)
}
