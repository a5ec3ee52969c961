# frozen_string_literal: true

# Loads a Vagrantfile without Vagrant: a stand-in for Vagrant.configure records every setting the file makes
# (assignments, define/provider/provision blocks, calls with arguments) and prints them as JSON.
# Usage: ruby vagrant_stub.rb PATH/TO/Vagrantfile
require "json"

class Recorder
  def initialize
    @data = {}
  end

  def method_missing(name, *args, &block)
    key = name.to_s
    if key.end_with?("=")
      @data[key.chomp("=")] = args.first
    elsif block
      child = Recorder.new
      (@data[key] ||= {})[args.first.to_s] = child
      block.call(child)
      child
    elsif args.empty?
      @data[key] ||= Recorder.new
    else
      (@data[key] ||= []) << args
    end
  end

  def respond_to_missing?(*)
    true
  end

  def to_plain
    @data.transform_values { |value| Recorder.plain(value) }
  end

  def self.plain(value)
    case value
    when Recorder then value.to_plain
    when Hash then value.to_h { |k, v| [k.to_s, plain(v)] }
    when Array then value.map { |v| plain(v) }
    else value
    end
  end
end

module Vagrant
  def self.configure(_version)
    root = Recorder.new
    yield root
    puts JSON.generate(root.to_plain)
  end
end

load File.expand_path(ARGV.fetch(0))
