using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AttemptPlansAndRetiredQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlanJson",
                table: "quizAttempt",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetiredUtc",
                table: "bankQuestion",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlanJson",
                table: "quizAttempt");

            migrationBuilder.DropColumn(
                name: "RetiredUtc",
                table: "bankQuestion");
        }
    }
}
