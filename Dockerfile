# vfio-vnc image. Both stages start from debian:bookworm-slim (no registry needed: CI imports a
# debootstrap rootfs under that name, see .ci/docker-smoke.sh). No "# syntax=" line on purpose:
# it would make BuildKit contact a registry.
#   docker build -t vfio-vnc .                       JRE and libavcodec (H.264 video)
#   docker build --build-arg WITH_EGL=true -t vfio-vnc:egl .   plus Mesa EGL for the dma-buf path
#   docker build --build-arg WITH_VIDEO=false -t vfio-vnc:slim .  without FFmpeg's libavcodec (no H.264)

FROM debian:bookworm-slim AS build
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole context (see .dockerignore): pom.xml, src/ and, when present, web/.
COPY . ./
RUN mvn -B -ntp -q package -DskipTests \
 && mkdir -p /out && cp target/vfio-vnc.jar /out/
# The noVNC page (web/ of the web branch) is built only when it exists.
RUN if [ -f web/package.json ]; then \
        apt-get update && apt-get install -y --no-install-recommends npm \
        && cd web && npm ci --no-audit --no-fund && mkdir -p /out/web && cp -r . /out/web/; \
    else mkdir -p /out/web; fi

FROM debian:bookworm-slim
ARG WITH_EGL=false
# libavcodec59 (FFmpeg 5.1, with libx264, h264_vaapi, h264_qsv and h264_nvenc) for H.264 video.
# libturbojpeg0 for JPEG (Tight) and the RGB to 4:2:0 step of H.264; without it both fall back to Java.
ARG WITH_VIDEO=true
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless libturbojpeg0 \
    $(if [ "$WITH_EGL" = true ]; then echo libegl1 libegl-mesa0 libgbm1 libgl1-mesa-dri; fi) \
    $(if [ "$WITH_VIDEO" = true ]; then echo libavcodec59; fi) \
 && rm -rf /var/lib/apt/lists/*
# /dev/vfio/N is usually handed to a group by a udev rule (often "kvm" or "vfio"); DRM render
# nodes for dma-buf import belong to "render"/"video". Match host GIDs with --group-add at run time.
RUN groupadd --system vfio \
 && (getent group kvm || groupadd --system kvm) \
 && (getent group render || groupadd --system render) \
 && useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        --gid vfio --groups kvm,render,video vfio-vnc
COPY --from=build /out/vfio-vnc.jar /opt/vfio-vnc/vfio-vnc.jar
COPY --from=build /out/web /opt/vfio-vnc/web
USER vfio-vnc
ENV VNC_PORT=5900
EXPOSE 5900
# A live server answers a TCP connect with the RFB version string.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${VNC_PORT} && head -c 4 <&3 | grep -q RFB"]
ENTRYPOINT ["java", "-jar", "/opt/vfio-vnc/vfio-vnc.jar"]
CMD ["serve", "--listen", "0.0.0.0:5900", "--password-file", "/run/secrets/vnc-password"]
