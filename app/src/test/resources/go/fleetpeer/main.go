// A Go gRPC service instrumented the usual Go way, for FleetOfGoServicesTest: go-grpc-prometheus's interceptors on
// its server and on a client of itself, and promhttp's /metrics. Built in the test from Debian's packages
// (GO111MODULE=off, GOPATH=/usr/share/gocode). Prints the metrics address, then calls itself RATE times a second:
//   leak    Watch streams that the client never closes (in flight climbs on both sides)
//   steady  Watch streams cancelled after 2 s (many in flight, flat)
//   unary   Check calls only
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	grpc_prometheus "github.com/grpc-ecosystem/go-grpc-prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func main() {
	mode := flag.String("mode", "unary", "leak, steady or unary")
	rate := flag.Int("rate", 10, "calls a second")
	metricsAddress := flag.String("metrics", "127.0.0.1:0", "where /metrics listens")
	flag.Parse()

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	server := grpc.NewServer(
		grpc.StreamInterceptor(grpc_prometheus.StreamServerInterceptor),
		grpc.UnaryInterceptor(grpc_prometheus.UnaryServerInterceptor))
	healthpb.RegisterHealthServer(server, health.NewServer())
	grpc_prometheus.Register(server)
	go server.Serve(listener)

	metrics, err := net.Listen("tcp", *metricsAddress)
	if err != nil {
		panic(err)
	}
	go http.Serve(metrics, promhttp.Handler())

	conn, err := grpc.Dial(listener.Addr().String(), grpc.WithInsecure(),
		grpc.WithUnaryInterceptor(grpc_prometheus.UnaryClientInterceptor),
		grpc.WithStreamInterceptor(grpc_prometheus.StreamClientInterceptor))
	if err != nil {
		panic(err)
	}
	client := healthpb.NewHealthClient(conn)
	fmt.Println(metrics.Addr().String())

	tick := time.NewTicker(time.Second / time.Duration(*rate))
	for range tick.C {
		switch *mode {
		case "leak":
			watch(client, context.Background())
		case "steady":
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			watch(client, ctx)
			time.AfterFunc(3*time.Second, cancel)
		default:
			go client.Check(context.Background(), &healthpb.HealthCheckRequest{})
		}
	}
}

// reads a Watch stream until it ends, so the client interceptor sees its end
func watch(client healthpb.HealthClient, ctx context.Context) {
	stream, err := client.Watch(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		return
	}
	go func() {
		for {
			if _, err := stream.Recv(); err != nil {
				return
			}
		}
	}()
}
